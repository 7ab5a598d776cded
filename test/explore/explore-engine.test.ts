// `oxa explore` end to end on the real engine with a tiny model: self-samples from `oxa sample`,
// explored through the local generate job continuing each step prefix. A tiny random model never
// reaches the gold, so every rationale's first pit is step 1 — and the completions kept for step 1
// are exactly what the generate job gives for (question, prefix = step 1) under the same seed and id.
// Bad input names file, line and field.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runJob } from "../../src/engine/run-job.ts";
import { tinyModel, TEST_CORPUS } from "../helpers/tiny-model.ts";
import { oxa, readJsonl, writeJsonl } from "../helpers/oxa-cli.ts";

const questions = readFileSync(TEST_CORPUS, "utf8").split("\n").filter(Boolean).map((l) => l.replace("Question: ", "").split(" Solution: ")[0]);

test("explore on the local engine: pits, completions equal the generate job's for (question, prefix)", async () => {
  const model = await tinyModel();
  const dir = mkdtempSync(join(tmpdir(), "oxa-explore-e2e-"));
  const problems = writeJsonl(join(dir, "p.jsonl"), questions.slice(0, 3).map((q, i) => ({ id: `p${i}`, prompt: q, gold: "987654321" })));
  const s = oxa(["sample", problems, join(dir, "samples.jsonl"), "--model", model, "--n", "2", "--max-new-tokens", "24", "--temperature", "1"]);
  assert.equal(s.status, 0, s.stderr);
  const r = oxa(["explore", join(dir, "samples.jsonl"), join(dir, "explored.jsonl"), "--model", model, "--k", "2", "--max-new-tokens", "6", "--step-style", "lines", "--verify-workers", "1", "--json"]);
  assert.equal(r.status, 0, r.stderr);
  const summary = JSON.parse(r.stdout);
  const rows = readJsonl(join(dir, "explored.jsonl"));
  assert.equal(summary.samples.read, 6);
  assert.equal(summary.samples.correct, 0);
  assert.equal(rows.length, 6 - summary.samples.blank);
  assert.ok(rows.length > 0);
  assert.deepEqual(summary.pits, { 1: rows.length });
  assert.equal(summary.completions.generated, rows.length * 2);
  const settings = { temperature: 0.7, top_p: 0.95, max_new_tokens: 6, seed: 0 };
  const inputs = rows.map((x) => ({ id: `${x.id}@1`, prompt: x.prompt, prefix: x.steps[0] }));
  const input = writeJsonl(join(dir, "direct.in.jsonl"), inputs);
  await runJob("generate", { model, input, output: join(dir, "direct.jsonl"), n: 2, ...settings }, { workDir: dir });
  const direct = readJsonl(join(dir, "direct.jsonl"));
  rows.forEach((x, i) => {
    assert.equal(x.pit, 1);
    assert.equal(x.steps.join(""), x.rationale);
    assert.deepEqual(x.explored[0].completions.map((c: any) => c.text), direct.filter((d) => d.id === inputs[i].id).map((d) => d.text));
  });
});

test("oxa explore: bad input names file, line and field", async () => {
  const model = await tinyModel();
  const dir = mkdtempSync(join(tmpdir(), "oxa-explore-bad-"));
  const bad = writeJsonl(join(dir, "bad.jsonl"), [{ prompt: "q", response: "1\n2", gold: "3" }, { prompt: "q", response: 7, gold: "3" }]);
  const r = oxa(["explore", bad, join(dir, "o.jsonl"), "--model", model]);
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /bad\.jsonl, line 2, field "response": expected a string, got number/);
});
