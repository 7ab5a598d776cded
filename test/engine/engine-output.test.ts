// What crosses the engine boundary back into TypeScript is parsed through schemas: a malformed
// `done` result, output record or metrics row is an EngineError naming the file, line and field.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseEngineOutput, readEngineRecords } from "../../src/engine/engine-output.ts";
import { jobResults } from "../../src/engine/jobs/index.ts";
import { trainMetricsRow } from "../../src/engine/jobs/train.ts";
import { scoreRecord } from "../../src/engine/jobs/score.ts";
import { scheduleFile } from "../../src/engine/schedule-file.ts";
import { EngineError } from "../../src/io/errors.ts";

const metric = { step: 1, epoch: 0, loss: 2.5, ce_loss: 2.5, ul_loss: null, weighted_ul: null, entropy_ce: 1.2, entropy_ul: null, lr: 1e-4, grad_norm: 0.9, tokens: 100, tokens_per_s: 1000 };

test("each job's done result is parsed; a wrong field is named", () => {
  const ok = parseEngineOutput(jobResults.train, { model: "m", steps: 3, resumed_from: 0, metrics: "x", processes: 1, extra: true }, { job: "train", file: "its done event" });
  assert.equal(ok.steps, 3);
  assert.throws(
    () => parseEngineOutput(jobResults.train, { model: "m", steps: "3", resumed_from: 0, metrics: "x", processes: 1 }, { job: "train", file: "its done event" }),
    (e: Error) => e instanceof EngineError && /its done event, field "steps"/.test(e.message),
  );
  assert.throws(
    () => parseEngineOutput(jobResults.score, { model: "m", dtype: "float32", device: "cpu", output: "o", records: 2, resumed: 0, seconds: 1 }, { job: "score", file: "its done event" }),
    /field "tokens_forwarded"/,
  );
});

test("a metrics row or output record with a bad field names the file, the line and the field", async () => {
  const dir = mkdtempSync(join(tmpdir(), "oxa-engine-out-"));
  const metrics = join(dir, "metrics.jsonl");
  writeFileSync(metrics, [metric, { ...metric, step: 2, lr: "fast" }].map((m) => JSON.stringify(m)).join("\n") + "\n");
  const rows: unknown[] = [];
  await assert.rejects(
    (async () => {
      for await (const r of readEngineRecords(trainMetricsRow, metrics, "train")) rows.push(r);
    })(),
    (e: Error) => e instanceof EngineError && e.message.includes(`${metrics}, line 2, field "lr"`),
  );
  assert.equal(rows.length, 1);
  const scored = join(dir, "scored.jsonl");
  writeFileSync(scored, JSON.stringify({ id: "0", ppl: 1.5, nll_sum: 2, n_tokens: -1, mean_entropy: 0.3 }) + "\n");
  await assert.rejects(
    (async () => {
      for await (const _ of readEngineRecords(scoreRecord, scored, "score"));
    })(),
    /line 1, field "n_tokens"/,
  );
});

test("the schedule file schema refuses a batch without rows and a missing field", () => {
  const good = { version: 1, records: "records.jsonl", n_records: 4, records_sha256: "a".repeat(64), global_batch: 2, ul_per_batch: 0, epochs: 1, seed: 0, wrap: false, mode: "sft", cutoff: 10, dropped: { ce: 0, ul: 0 }, batches: [{ epoch: 0, rows: [0, 1] }] };
  assert.ok(scheduleFile.safeParse(good).success);
  assert.equal(scheduleFile.safeParse({ ...good, batches: [{ epoch: 0, rows: [] }] }).success, false);
  const { cutoff: _, ...missing } = good;
  assert.deepEqual(scheduleFile.safeParse(missing).error?.issues.map((i) => i.path), [["cutoff"]]);
});
