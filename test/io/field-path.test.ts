// Dotted field paths (`reward_model.ground_truth`, `messages.1.content`) wherever a field is named,
// with a literal key that contains dots taking precedence.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { valueAt } from "../../src/io/field-path.ts";
import { oxa, readJsonl, writeJsonl } from "../helpers/oxa-cli.ts";

test("valueAt walks objects and lists, prefers a literal dotted key, and gives undefined for any missing step", () => {
  const row = { a: { b: [10, { c: "x" }] }, "a.b": "literal", messages: [{ role: "user", content: "q" }, { role: "assistant", content: "r" }], n: null };
  assert.equal(valueAt(row, "a.b"), "literal");
  assert.equal(valueAt(row, "a.b.1.c"), "x");
  assert.equal(valueAt(row, "messages.1.content"), "r");
  assert.equal(valueAt(row, "messages.-1.role"), "assistant");
  for (const p of ["messages.2.content", "messages.x", "a.b.0.c", "n.k", "zz", "a.q"]) assert.equal(valueAt(row, p), undefined, p);
});

test("verify and select read nested fields by dotted path (verl's reward_model.ground_truth, chat messages)", () => {
  const dir = mkdtempSync(join(tmpdir(), "oxa-field-path-"));
  const rows = [
    { reward_model: { style: "rule", ground_truth: "42" }, messages: [{ role: "user", content: "What is 6*7?" }, { role: "assistant", content: "So \\boxed{42}" }], s: { ppl: 1.5, len: 9 } },
    { reward_model: { style: "rule", ground_truth: "5" }, messages: [{ role: "user", content: "2+2?" }, { role: "assistant", content: "\\boxed{4}" }], s: { ppl: 2.5, len: 3 } },
  ];
  const input = writeJsonl(join(dir, "rows.jsonl"), rows);
  let r = oxa(["verify", input, join(dir, "v.jsonl"), "--gold-field", "reward_model.ground_truth", "--response-field", "messages.1.content"]);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(readJsonl(join(dir, "v.jsonl")).map((x) => x.correct), [true, false]);
  r = oxa(["select", input, join(dir, "sel.jsonl"), "--query-field", "messages.0.content", "--responses-field", "messages.1.content", "--ppl-field", "s.ppl", "--length-field", "s.len", "--n", "5", "--strategy", "lowest-ppl"]);
  assert.equal(r.status, 0, r.stderr);
  const sel = readJsonl(join(dir, "sel.jsonl"));
  assert.deepEqual(sel.map((x) => [x.query, x.response, x.ppl]).sort((a, b) => a[2] - b[2]), [["What is 6*7?", "So \\boxed{42}", 1.5], ["2+2?", "\\boxed{4}", 2.5]]);
  // a missing step is named by its whole path
  r = oxa(["verify", input, join(dir, "v2.jsonl"), "--gold-field", "reward_model.answer"]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /line 1, field "reward_model\.answer": expected the gold answer .* got nothing/);
});
