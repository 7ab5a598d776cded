// `oxa sample` end to end: real CLI, real engine, real tiny model — both output shapes, the
// samples independent of --batch-size and equal across shapes, bad input. (Seeds, resume and the
// numbers themselves are tested on the engine job: engine/tests/test_generate.py.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { tinyModel, TEST_CORPUS } from "../helpers/tiny-model.ts";
import { oxa, readJsonl, writeJsonl } from "../helpers/oxa-cli.ts";

const questions = readFileSync(TEST_CORPUS, "utf8")
  .split("\n")
  .filter(Boolean)
  .map((l) => l.replace("Question: ", "").split(" Solution: ")[0]);
const tmp = () => mkdtempSync(join(tmpdir(), "oxa-sample-"));
const FAST = ["--max-new-tokens", "8", "--temperature", "1", "--top-p", "0.9"];

test("rows and list shapes carry the same samples; batch size never changes them", async () => {
  const model = await tinyModel();
  const dir = tmp();
  const input = writeJsonl(join(dir, "p.jsonl"), questions.slice(0, 4).map((q, i) => ({ problem: q, gold: String(i) })));
  const run = (out: string, ...extra: string[]) => {
    const r = oxa(["sample", input, join(dir, out), "--model", model, "--prompt-field", "problem", "--n", "3", ...FAST, "--json", ...extra]);
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout);
  };
  const summary = run("rows.jsonl", "--batch-size", "1");
  assert.equal(summary.samples, 12);
  const rows = readJsonl(join(dir, "rows.jsonl"));
  assert.deepEqual(rows.map((r) => [r.gold, r.sample]), [0, 1, 2, 3].flatMap((i) => [0, 1, 2].map((k) => [String(i), k])));
  for (const r of rows) {
    assert.ok(r.n_tokens <= 8 && ["stop", "length"].includes(r.finish_reason) && r.mean_entropy > 0);
    assert.equal(r.finish_reason === "length", r.n_tokens === 8);
  }
  assert.equal(summary.stopped, rows.filter((r) => r.finish_reason === "stop").length);
  // the model as a path from the output's folder (no absolute path: a moved run writes the same bytes)
  assert.equal(rows[0].sampled_by.model, relative(dir, model));
  assert.equal(resolve(dir, rows[0].sampled_by.model), resolve(model));
  run("list.jsonl", "--batch-size", "8", "--shape", "list");
  const list = readJsonl(join(dir, "list.jsonl"));
  assert.equal(list.length, 4);
  assert.deepEqual(list.flatMap((l) => l.responses), rows.map((r) => r.response));
  assert.deepEqual(list.flatMap((l) => l.n_tokens), rows.map((r) => r.n_tokens));
});

test("bad input: missing prompt field, --skip-invalid, empty input, missing model", async () => {
  const model = await tinyModel();
  const dir = tmp();
  const bad = join(dir, "bad.jsonl");
  writeFileSync(bad, [JSON.stringify({ prompt: questions[0] }), JSON.stringify({ question: "x" }), "[1]", JSON.stringify({ prompt: " " })].join("\n") + "\n");
  const r1 = oxa(["sample", bad, join(dir, "o.jsonl"), "--model", model, ...FAST]);
  assert.equal(r1.status, 2, r1.stderr);
  assert.match(r1.stderr, /bad\.jsonl, line 2, field "prompt": missing field/);
  const r2 = oxa(["sample", bad, join(dir, "o.jsonl"), "--model", model, ...FAST, "--skip-invalid", "--json"]);
  assert.equal(r2.status, 0, r2.stderr);
  assert.equal(readJsonl(join(dir, "o.jsonl")).length, 1);
  assert.deepEqual(readJsonl(join(dir, "o.jsonl.rejects.jsonl")).map((r) => r.line), [2, 3, 4]);
  writeFileSync(join(dir, "empty.jsonl"), "\n");
  const r3 = oxa(["sample", join(dir, "empty.jsonl"), join(dir, "e.jsonl"), "--model", model]);
  assert.equal(r3.status, 0, r3.stderr);
  assert.equal(readFileSync(join(dir, "e.jsonl"), "utf8"), "");
  const r4 = oxa(["sample", bad, join(dir, "o2.jsonl"), "--model", join(dir, "nope")]);
  assert.equal(r4.status, 2);
  assert.match(r4.stderr, /--model .*nope: no such directory/);
  assert.ok(!existsSync(join(dir, "o2.jsonl.work")));
});
