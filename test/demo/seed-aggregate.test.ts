// The study's statistics on a hand-made per-seed table: mean ± SE across seeds against the textbook
// formula written out here, the seeds pooled per problem against sums by hand, and each arm's
// comparison with SFT against the paired bootstrap of those hand-pooled arrays.
import { test } from "node:test";
import assert from "node:assert/strict";
import { compareWithReference, poolSeeds, COMPARISON } from "../../src/demo/arm-comparison.ts";
import type { ArmSummary } from "../../src/demo/arm-summary.ts";
import { summarizeSeeds, type SeedRun } from "../../src/demo/seed-aggregate.ts";
import { seedList } from "../../src/demo/seed-list.ts";
import { presets } from "../../src/demo/presets.ts";
import { PREMISE_TOKEN_FLOOR, presetForVariant, worldVariantOptions } from "../../src/demo/world-variant.ts";
import { UsageError } from "../../src/io/errors.ts";
import { pairedBootstrap } from "../../src/stats/index.ts";

const arm = (p1: number, pk: number, entropy: number | null, len: number): ArmSummary => ({ "pass@1": p1, "pass@1_se": 0.01, "pass@k": pk, k: 4, entropy, mean_length: len });

// Three seeds, the base and two arms.
const runs: SeedRun[] = [
  { seed: 0, base: arm(0.0, 0.0, 0.8, 14), arms: { sft: arm(0.1, 0.3, 0.4, 37), oxa_mle: arm(0.05, 0.25, 0.5, 80) } },
  { seed: 1, base: arm(0.0, 0.0, 0.9, 15), arms: { sft: arm(0.2, 0.35, 0.35, 36), oxa_mle: arm(0.07, 0.2, 0.45, 90) } },
  { seed: 2, base: arm(0.01, 0.04, 0.85, 13), arms: { sft: arm(0.6, 0.5, 0.3, 40), oxa_mle: arm(0.03, 0.3, null, 85) } },
];

/** Mean and SE by the one-pass formula: var = (Σx² − n·mean²)/(n − 1), SE = sqrt(var/n). */
function textbook(xs: number[]) {
  const n = xs.length;
  const mean = xs.reduce((s, x) => s + x, 0) / n;
  const v = (xs.reduce((s, x) => s + x * x, 0) - n * mean * mean) / (n - 1);
  return { mean, se: Math.sqrt(v / n) };
}

test("mean ± SE across seeds per model and metric; a metric some seed lacks has no summary", () => {
  const s = summarizeSeeds(runs, ["base", "sft", "oxa_mle"]);
  const close = (a: number | null | undefined, b: number) => assert.ok(a !== null && a !== undefined && Math.abs(a - b) < 1e-12, `${a} vs ${b}`);
  // sft Pass@1: 0.1, 0.2, 0.6 -> mean 0.3, sd = sqrt(((-0.2)² + (-0.1)² + 0.3²)/2) = sqrt(0.07)
  close(s.sft["pass@1"]!.mean, 0.3);
  close(s.sft["pass@1"]!.se, Math.sqrt(0.07 / 3));
  for (const [label, m] of [["sft", "pass@k"], ["oxa_mle", "pass@1"], ["base", "entropy"], ["oxa_mle", "mean_length"], ["base", "pass@k"]] as const) {
    const xs = runs.map((r) => (label === "base" ? r.base : r.arms[label])[m] as number);
    const t = textbook(xs);
    close(s[label][m]!.mean, t.mean);
    close(s[label][m]!.se, t.se);
    assert.equal(s[label][m]!.n, 3);
  }
  assert.equal(s.oxa_mle.entropy, null, "seed 2 has no entropy for oxa_mle");
  // one seed: a mean, no spread
  const one = summarizeSeeds(runs.slice(0, 1), ["sft"]);
  assert.equal(one.sft["pass@1"]!.mean, 0.1);
  assert.equal(one.sft["pass@1"]!.se, null);
  assert.throws(() => summarizeSeeds(runs, ["sft_lp"]), /no model "sft_lp"/);
});

// Per seed, per problem: {id, n, correct} as eval's details.jsonl holds them (4 samples each).
const d = (id: string, correct: number) => ({ id, n: 4, correct });
const details = {
  sft: [
    [d("a", 1), d("b", 0), d("c", 4)],
    [d("b", 2), d("a", 0), d("c", 3)],
  ],
  oxa_mle: [
    [d("a", 2), d("b", 1), d("c", 4)],
    [d("c", 4), d("b", 0), d("a", 3)],
  ],
  sft_lp: [
    [d("a", 1), d("b", 0), d("c", 4)],
    [d("a", 0), d("b", 2), d("c", 3)],
  ],
};

test("seeds pooled per problem: samples and correct samples summed by id", () => {
  const pooled = poolSeeds(details.sft).sort((x, y) => x.id.localeCompare(y.id));
  assert.deepEqual(pooled, [{ id: "a", n: 8, correct: 1 }, { id: "b", n: 8, correct: 2 }, { id: "c", n: 8, correct: 7 }]);
});

test("each arm against SFT: the paired bootstrap of the hand-pooled per-problem Pass@1, and each seed's difference", () => {
  const c = compareWithReference(details, 7);
  assert.deepEqual(Object.keys(c).sort(), ["oxa_mle", "sft_lp"]);
  // oxa_mle pooled: a 5/8, b 1/8, c 8/8; sft: a 1/8, b 2/8, c 7/8 (ids sorted)
  const expected = pairedBootstrap([5 / 8, 1 / 8, 8 / 8], [1 / 8, 2 / 8, 7 / 8], { b: COMPARISON.b, seed: 7, level: COMPARISON.level });
  const { reference, perSeedDiff, ...boot } = c.oxa_mle;
  assert.deepEqual(boot, expected);
  assert.equal(reference, "sft");
  assert.ok(Math.abs(c.oxa_mle.meanDiff - (4 / 8 - 1 / 8 + 1 / 8) / 3) < 1e-12);
  // seed 0: (2-1 + 1-0 + 4-4)/4/3 = 2/12; seed 1: (3-0 + 0-2 + 4-3)/4/3 = 2/12
  assert.ok(Math.abs(perSeedDiff[0] - 2 / 12) < 1e-12 && Math.abs(perSeedDiff[1] - 2 / 12) < 1e-12, String(perSeedDiff));
  // identical to SFT on every problem: a difference of exactly 0, and every replicate at or below 0
  assert.equal(c.sft_lp.meanDiff, 0);
  assert.equal(c.sft_lp.ciLow, 0);
  assert.equal(c.sft_lp.ciHigh, 0);
  assert.equal(c.sft_lp.shareAtOrBelowZero, 1);
  assert.throws(() => compareWithReference({ oxa_mle: details.oxa_mle }, 0), /reference arm "sft"/);
  assert.throws(() => compareWithReference({ ...details, oxa_mle: details.oxa_mle.slice(0, 1) }, 0), /1 seeds, the reference 2/);
});

test("--seeds: a count from the world seed, or a list; bad specs are usage errors", () => {
  assert.deepEqual(seedList(undefined, 4, 1), [4]);
  assert.deepEqual(seedList(undefined, 0, 3), [0, 1, 2]);
  assert.deepEqual(seedList("3", 2, 1), [2, 3, 4]);
  assert.deepEqual(seedList("0, 5,9", 2, 1), [0, 5, 9]);
  for (const bad of ["0", "1,1", "a", "1,", "-1"]) assert.throws(() => seedList(bad, 0, 1), UsageError, bad);
});

test("world variant: control adds nothing (the stages and cache keys runs had before variants); premise is passed on", () => {
  assert.deepEqual(worldVariantOptions("control"), {});
  assert.deepEqual(worldVariantOptions("premise"), { variant: "premise" });
});

test("the premise world raises the generation caps to its floor; control and presets already above it are unchanged", () => {
  const d = presets.default;
  assert.equal(presetForVariant(d, "control"), d);
  const p = presetForVariant({ ...d, rl: { steps: 2, promptsPerStep: 2, n: 2, maxNewTokens: 100, lr: 1e-4, evalEvery: 1 } }, "premise");
  assert.deepEqual([p.eval.maxNewTokens, p.rollouts.maxNewTokens, p.rl?.maxNewTokens], [PREMISE_TOKEN_FLOOR.eval, PREMISE_TOKEN_FLOOR.rollouts, PREMISE_TOKEN_FLOOR.eval]);
  assert.deepEqual({ ...p, eval: d.eval, rollouts: d.rollouts, rl: undefined }, { ...d, rl: undefined }, "nothing else changes");
  // the study runs both worlds on one budget: the floor is already its own
  const s = presets.study;
  assert.deepEqual(presetForVariant(s, "premise"), s);
  assert.equal(s.eval.maxNewTokens, PREMISE_TOKEN_FLOOR.eval);
});
