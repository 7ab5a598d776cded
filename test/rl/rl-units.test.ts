// The TypeScript pieces of `oxa rl` on their own: the step schedule (seeded, distinct prompts per
// step, whole epochs), the reward rule (correctness, format bonus, overlong handling), the prompt
// set readers (our rows, verl's rows) and the run sizes a preset fills in.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { composeStepSchedule, readPromptSet, rolloutReward, rlConfig, rlSizes, RL_PRESETS, wellFormed } from "../../src/rl/index.ts";
import { REASONING_SUFFIX } from "../../src/mix/index.ts";
import { rlSpec } from "../../src/engine/jobs/rl.ts";

const ids = Array.from({ length: 10 }, (_, i) => `q${i}`);

test("step schedule: k distinct prompts a step, every prompt once per epoch, a function of the seed", () => {
  const s = composeStepSchedule(ids, 4, 10, 3);
  assert.equal(s.length, 10);
  for (const step of s) assert.equal(new Set(step).size, 4);
  // 40 draws = 4 whole epochs of 10: each id appears exactly 4 times, and the first 10 draws are one epoch
  const counts = new Map<string, number>();
  for (const id of s.flat()) counts.set(id, (counts.get(id) ?? 0) + 1);
  assert.deepEqual([...counts.values()].sort(), Array(10).fill(4));
  assert.deepEqual(new Set(s.flat().slice(0, 10)), new Set(ids));
  assert.deepEqual(composeStepSchedule(ids, 4, 10, 3), s);
  assert.notDeepEqual(composeStepSchedule(ids, 4, 10, 4), s);
  assert.deepEqual(composeStepSchedule(ids, 4, 5, 3), s.slice(0, 5)); // more steps extend, never reorder
});

test("reward: verdict, format bonus, overlong zero-reward / mask / none", () => {
  const ok = { text: "<think>2+2</think> \\boxed{4}", finish_reason: "stop" as const };
  const cut = { text: "<think>2+2 is", finish_reason: "length" as const };
  assert.equal(wellFormed(ok.text), true);
  assert.equal(wellFormed("\\boxed{4} <think>x</think>"), false);
  assert.deepEqual(rolloutReward(ok, true, { formatReward: 0, overlong: "zero-reward" }), { reward: 1, use: true });
  assert.deepEqual(rolloutReward(ok, false, { formatReward: 0.1, overlong: "zero-reward" }), { reward: 0.1, use: true });
  assert.deepEqual(rolloutReward(ok, true, { formatReward: 0.1, overlong: "zero-reward" }), { reward: 1.1, use: true });
  assert.deepEqual(rolloutReward(cut, true, { formatReward: 0, overlong: "zero-reward" }), { reward: 0, use: true });
  assert.deepEqual(rolloutReward(cut, true, { formatReward: 0, overlong: "mask" }), { reward: 1, use: false });
  assert.deepEqual(rolloutReward(cut, true, { formatReward: 0, overlong: "none" }), { reward: 1, use: true });
});

test("prompt sets: our rows with the reasoning suffix, verl rows as they are, errors naming line and field", async () => {
  const dir = mkdtempSync(join(tmpdir(), "oxa-rl-units-"));
  const ours = join(dir, "ours.jsonl");
  writeFileSync(ours, [{ id: "a", query: "1+1?", gold: "2" }, { problem: "2+2?", answer: 4 }].map((r) => JSON.stringify(r)).join("\n") + "\n");
  assert.deepEqual(await readPromptSet(ours, { promptSuffix: "reasoning" }), [
    { id: "a", prompt: "1+1?" + REASONING_SUFFIX, gold: "2" },
    { id: "row-2", prompt: "2+2?" + REASONING_SUFFIX, gold: "4" },
  ]);
  const verl = join(dir, "verl.json");
  const row = { data_source: "oxa", prompt: [{ role: "system", content: "s" }, { role: "user", content: "3+3? Put it in \\boxed{}." }], ability: "math", reward_model: { style: "rule", ground_truth: "6" }, extra_info: { index: 0, split: "train" }, id: "v0" };
  writeFileSync(verl, JSON.stringify([row]));
  assert.deepEqual(await readPromptSet(verl, { promptSuffix: "reasoning" }), [{ id: "v0", prompt: "3+3? Put it in \\boxed{}.", gold: "6" }]);
  const bad = join(dir, "bad.jsonl");
  writeFileSync(bad, JSON.stringify({ id: "x", query: "q" }) + "\n" + JSON.stringify({ id: "x", query: "q", gold: "1" }) + "\n");
  await assert.rejects(readPromptSet(bad, { promptSuffix: "none" }), /bad\.jsonl, line 1: no gold answer field/);
  writeFileSync(bad, JSON.stringify({ id: "x", query: "q", gold: "1" }) + "\n" + JSON.stringify({ id: "x", query: "q", gold: "1" }) + "\n");
  await assert.rejects(readPromptSet(bad, { promptSuffix: "none" }), /line 2, field "id": duplicate id "x"/);
});

test("presets fill only the sizes not given; the paper preset is the engine spec's defaults", () => {
  const base = { prompts: "p", model: "m", out: "o" };
  assert.deepEqual(rlSizes(rlConfig.parse({ ...base, preset: "paper" })), RL_PRESETS.paper);
  const s = rlSizes(rlConfig.parse({ ...base, preset: "paper", n: 4, lr: 1e-5 }));
  assert.equal(s.n, 4);
  assert.equal(s.lr, 1e-5);
  assert.equal(s.promptsPerStep, 64);
  const spec = rlSpec.parse({ model: "m", prompts: "p", schedule: "s", out: "o" });
  assert.equal(RL_PRESETS.paper.lr, spec.lr);
  assert.equal(RL_PRESETS.paper.maxNewTokens, spec.max_new_tokens);
  // the paper's verl values, written once in the spec
  assert.deepEqual([spec.lr, spec.weight_decay, spec.max_grad_norm, spec.kl_coef, spec.kl_estimator, spec.eps_low, spec.eps_high, spec.loss_agg, spec.temperature, spec.n], [2e-6, 0.01, 1, 0.001, "k3", 0.2, 0.2, "token-mean", 0.85, 8]);
});
