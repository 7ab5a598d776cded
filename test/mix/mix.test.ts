import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { REASONING_SUFFIX, runMix } from "../../src/mix/index.ts";
import { InputError } from "../../src/io/errors.ts";

const dir = mkdtempSync(join(tmpdir(), "oxa-mix-"));
const ce = join(dir, "ce.jsonl");
const ul = join(dir, "ul.jsonl");
writeFileSync(ce, ['{"query":"What is 2+2?","response":"<think>2+2=4</think> \\\\boxed{4}","ppl":2.4,"len":12}', '{"query":"3*3?","response":"9","ppl":2.6,"len":3}'].join("\n") + "\n");
writeFileSync(ul, '{"query":"What is 2+2?","response":"<think>2+2=5</think> \\\\boxed{5}","ppl":1.3,"len":12,"correct":false}\n');
const lines = (p: string) => readFileSync(p, "utf8").trim().split("\n").map((l) => JSON.parse(l));

test("the default suffix is the paper's instruction, in one constant", () => {
  assert.equal(
    REASONING_SUFFIX,
    "\nLet's reason step by step. Enclose the reasoning process within <think>...</think>, then summarize it and present the final answer within \\boxed{} — for example: <think>reasoning process here</think> \\boxed{answer here}.",
  );
});

test("CE + UL → one file with loss_type, prompt = query + suffix, source fields kept; alpaca and messages exports", async () => {
  const out = join(dir, "full.jsonl");
  const res = await runMix({ ce: [ce], ul: [ul], out, alpaca: join(dir, "full.json"), messages: join(dir, "full.messages.jsonl") });
  assert.deepEqual([res.ce, res.ul, res.total], [2, 1, 3]);
  const recs = lines(out);
  assert.deepEqual(recs.map((r) => [r.id, r.loss_type]), [["ce-0", 0], ["ce-1", 0], ["ul-0", 1]]);
  assert.equal(recs[0].prompt, "What is 2+2?" + REASONING_SUFFIX);
  assert.equal(recs[0].response, "<think>2+2=4</think> \\boxed{4}");
  assert.equal(recs[0].query, "What is 2+2?");
  assert.equal(recs[2].ppl, 1.3);
  assert.equal(recs[2].correct, false);
  const alpaca = JSON.parse(readFileSync(join(dir, "full.json"), "utf8"));
  assert.deepEqual(alpaca[2], { instruction: recs[2].prompt, input: "", output: recs[2].response, history: [], loss_type: 1 });
  const msgs = lines(join(dir, "full.messages.jsonl"));
  assert.deepEqual(msgs[1], { id: "ce-1", messages: [{ role: "user", content: "3*3?" + REASONING_SUFFIX }, { role: "assistant", content: "9" }], loss_type: 0 });
});

test("OXA_MLE (CE only), an empty suffix, and an empty alpaca list are all fine", async () => {
  const out = join(dir, "mle.jsonl");
  await runMix({ ce: [ce], ul: [], out, suffix: "", alpaca: join(dir, "mle.json") });
  assert.deepEqual(lines(out).map((r) => [r.prompt, r.loss_type]), [["What is 2+2?", 0], ["3*3?", 0]]);
  const empty = join(dir, "empty.jsonl");
  writeFileSync(empty, "");
  await runMix({ ce: [empty], ul: [], out: join(dir, "e.jsonl"), alpaca: join(dir, "e.json") });
  assert.deepEqual(JSON.parse(readFileSync(join(dir, "e.json"), "utf8")), []);
});

test("a row without a response is an error naming file, line and field; nothing is written", async () => {
  const bad = join(dir, "bad.jsonl");
  writeFileSync(bad, '{"query":"q","response":"r"}\n{"query":"q2"}\n');
  const out = join(dir, "never.jsonl");
  await assert.rejects(runMix({ ce: [bad], ul: [], out }), (e: Error) => e instanceof InputError && e.message === `${bad}, line 2, field "response": missing field`);
  assert.throws(() => readFileSync(out));
  writeFileSync(bad, '{"query":"q","response":""}\n');
  await assert.rejects(runMix({ ce: [], ul: [bad], out }), (e: Error) => e instanceof InputError && e.message === `${bad}, line 1, field "response": empty response (nothing to train on)`);
});

test("oxa mix CLI: repeated --ce/--ul, --json result", () => {
  const out = join(dir, "cli.jsonl");
  const r = spawnSync(process.execPath, ["bin/oxa.mjs", "mix", "--ce", ce, "--ce", ce, "--ul", ul, "--out", out, "--json"], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), { out, ce: 4, ul: 1, total: 5, sourceIds: 0 });
  assert.equal(lines(out)[3].id, "ce-3");
});

test("a row's own id is kept as source_id (the record's id is ce-N / ul-N) and counted", async () => {
  const withIds = join(dir, "ids.jsonl");
  writeFileSync(withIds, '{"id":"gsm8k-17","query":"q","response":"r"}\n{"query":"q2","response":"r2"}\n');
  const out = join(dir, "ids-out.jsonl");
  const res = await runMix({ ce: [withIds], ul: [], out });
  assert.equal(res.sourceIds, 1);
  assert.deepEqual(lines(out).map((r) => [r.id, r.source_id]), [["ce-0", "gsm8k-17"], ["ce-1", undefined]]);
});
