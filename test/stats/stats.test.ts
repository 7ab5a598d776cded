// The study's statistics against independent computations: hand-calculated SEs, a bootstrap
// recomputed by a plain loop with the same seeded resampling, exact enumeration on a two-problem
// table, and convergence to the normal approximation for large B.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRandom } from "../../src/common/random.ts";
import { seedSummary, percentileSorted, pairPerProblemPass, pairedBootstrap, bootstrapReplicates } from "../../src/stats/index.ts";

const close = (a: number | null, b: number, eps = 1e-12) => assert.ok(a !== null && Math.abs(a - b) <= eps, `${a} vs ${b} (eps ${eps})`);

test("mean ± SE across seeds by hand", () => {
  // 5.0, 5.9, 6.8: mean 5.9, squared deviations 0.81 + 0 + 0.81 = 1.62, variance 0.81, sd 0.9, se 0.9/√3.
  const s = seedSummary([5.0, 5.9, 6.8]);
  assert.equal(s.n, 3);
  close(s.mean, 5.9, 1e-12);
  close(s.sd, 0.9, 1e-12);
  close(s.se, 0.9 / Math.sqrt(3), 1e-12);
  // One seed: a mean and no spread.
  assert.deepEqual(seedSummary([4]), { n: 1, mean: 4, sd: null, se: null });
  assert.throws(() => seedSummary([]), RangeError);
  assert.throws(() => seedSummary([1, NaN]), RangeError);
});

test("percentile is numpy's linear interpolation", () => {
  // numpy.percentile([1, 2, 3, 4], [0, 25, 50, 90, 100]) = 1, 1.75, 2.5, 3.7, 4.
  const xs = [1, 2, 3, 4];
  close(percentileSorted(xs, 0), 1);
  close(percentileSorted(xs, 0.25), 1.75);
  close(percentileSorted(xs, 0.5), 2.5);
  close(percentileSorted(xs, 0.9), 3.7, 1e-12);
  close(percentileSorted(xs, 1), 4);
  close(percentileSorted([7], 0.3), 7);
});

// Hand-made table: 5 problems, 4 samples each (ids out of order on purpose).
const SFT = [
  { id: "p3", n: 4, correct: 0 },
  { id: "p1", n: 4, correct: 2 },
  { id: "p2", n: 4, correct: 2 },
  { id: "p4", n: 4, correct: 0 },
  { id: "p5", n: 4, correct: 3 },
];
const ARM = [
  { id: "p1", n: 4, correct: 4 },
  { id: "p2", n: 4, correct: 2 },
  { id: "p3", n: 4, correct: 1 },
  { id: "p4", n: 4, correct: 0 },
  { id: "p5", n: 4, correct: 4 },
];

test("pairing by id; mean difference and its SE by hand", () => {
  const p = pairPerProblemPass(ARM, SFT);
  assert.deepEqual(p.ids, ["p1", "p2", "p3", "p4", "p5"]);
  assert.deepEqual(p.arm, [1, 0.5, 0.25, 0, 1]);
  assert.deepEqual(p.reference, [0.5, 0.5, 0, 0, 0.75]);
  // Differences 0.5, 0, 0.25, 0, 0.25: mean 0.2; squared deviations .09 + .04 + .0025 + .04 + .0025 = .175;
  // variance .175 / 4 = .04375; SE = sqrt(.04375 / 5).
  const r = pairedBootstrap(p.arm, p.reference, { b: 2000, seed: 7, level: 0.95 });
  close(r.meanDiff, 0.2, 1e-15);
  close(r.se, Math.sqrt(0.04375 / 5), 1e-15);
  assert.throws(() => pairPerProblemPass(ARM.slice(1), SFT), /different problems/);
  assert.throws(() => pairPerProblemPass([...ARM, ARM[0]], SFT), /twice/);
});

test("the bootstrap equals a plain loop with the same seeded resampling", () => {
  const p = pairPerProblemPass(ARM, SFT);
  const b = 999;
  const seed = 11;
  // Independent recomputation: draw indices with the same generator, average, sort, interpolate.
  const rand = createRandom(seed);
  const diffs = p.arm.map((a, i) => a - p.reference[i]);
  const reps: number[] = [];
  for (let j = 0; j < b; j++) {
    let s = 0;
    for (let i = 0; i < diffs.length; i++) s += diffs[Math.floor(rand() * diffs.length)];
    reps.push(s / diffs.length);
  }
  assert.deepEqual(bootstrapReplicates(diffs, b, seed), reps);
  const sorted = [...reps].sort((x, y) => x - y);
  // 999 replicates: the 2.5 % point is at h = 998 * 0.025 = 24.95, the 97.5 % point at 973.05.
  const lo = sorted[24] + 0.95 * (sorted[25] - sorted[24]);
  const hi = sorted[973] + 0.05 * (sorted[974] - sorted[973]);
  const mu = reps.reduce((a, x) => a + x, 0) / b;
  const sd = Math.sqrt(reps.reduce((a, x) => a + (x - mu) ** 2, 0) / (b - 1));
  const r = pairedBootstrap(p.arm, p.reference, { b, seed, level: 0.95 });
  close(r.ciLow, lo, 1e-12);
  close(r.ciHigh, hi, 1e-12);
  close(r.bootstrapSe, sd, 1e-12);
  assert.equal(r.shareAtOrBelowZero, reps.filter((x) => x <= 0).length / b);
  // Same seed, same interval; another seed, other replicates.
  assert.deepEqual(pairedBootstrap(p.arm, p.reference, { b, seed, level: 0.95 }), r);
  assert.notDeepEqual(bootstrapReplicates(diffs, b, seed + 1), reps);
});

test("two problems: replicate frequencies match exact enumeration", () => {
  // Differences 0 and 1: a replicate mean is 0, 0.5 or 1 with probabilities 1/4, 1/2, 1/4.
  const b = 40000;
  const reps = bootstrapReplicates([0, 1], b, 3);
  const share = (v: number) => reps.filter((x) => x === v).length / b;
  // 4 binomial SDs at p = 1/2, B = 40000: 4 * sqrt(.25 / 40000) = 0.01.
  close(share(0), 0.25, 0.01);
  close(share(0.5), 0.5, 0.01);
  close(share(1), 0.25, 0.01);
  const r = pairedBootstrap([0, 1], [0, 0], { b, seed: 3, level: 0.5 });
  close(r.shareAtOrBelowZero, 0.25, 0.01);
  // The 25 % and 75 % points of {0: 1/4, .5: 1/2, 1: 1/4} are 0.5 (up to the interpolation at the edges).
  assert.ok(r.ciLow >= 0 && r.ciLow <= 0.5 && r.ciHigh >= 0.5 && r.ciHigh <= 1);
});

test("for large B and many problems the percentile CI approaches the normal approximation", () => {
  // Synthetic table: 400 problems, arm and reference Pass@1 in quarters, arm slightly better.
  const m = 400;
  const arm: number[] = [];
  const ref: number[] = [];
  for (let i = 0; i < m; i++) {
    ref.push(((i * 7) % 5) / 4); // 0, .25, .5, .75, 1 in turn
    const shift = (i % 3 === 0 ? 0.25 : 0) - (i % 11 === 0 ? 0.5 : 0);
    arm.push(Math.max(0, Math.min(1, ref[i] + shift)));
  }
  const r = pairedBootstrap(arm, ref, { b: 20000, seed: 5, level: 0.95 });
  // The bootstrap distribution of a mean has variance (plug-in variance) / m = SE² (m − 1) / m.
  const plugSe = r.se! * Math.sqrt((m - 1) / m);
  close(r.bootstrapSe, plugSe, 0.03 * plugSe);
  const z = 1.959963984540054;
  const half = z * plugSe;
  close(r.ciLow, r.meanDiff - half, 0.08 * half);
  close(r.ciHigh, r.meanDiff + half, 0.08 * half);
  assert.ok(r.meanDiff > 0 && r.ciLow < r.meanDiff && r.meanDiff < r.ciHigh);
});

test("bad options are refused", () => {
  assert.throws(() => pairedBootstrap([], [], { b: 10, seed: 0, level: 0.95 }), RangeError);
  assert.throws(() => pairedBootstrap([1], [1, 2], { b: 10, seed: 0, level: 0.95 }), RangeError);
  assert.throws(() => pairedBootstrap([1], [1], { b: 0, seed: 0, level: 0.95 }), RangeError);
  assert.throws(() => pairedBootstrap([1], [1], { b: 10, seed: 0, level: 1 }), RangeError);
});
