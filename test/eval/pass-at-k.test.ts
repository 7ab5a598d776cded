import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { curveKs, passAtK } from "../../src/eval/pass-at-k.ts";

// Independent reference: exact binomials in BigInt, the ratio scaled to 10^30 before division.
function binom(n: number, k: number): bigint {
  if (k < 0 || k > n) return 0n;
  let r = 1n;
  for (let i = 1; i <= k; i++) r = (r * BigInt(n - k + i)) / BigInt(i);
  return r;
}
function exactPassAtK(n: number, c: number, k: number): number {
  const SCALE = 10n ** 30n;
  const ratio = (binom(n - c, k) * SCALE) / binom(n, k);
  return 1 - Number(ratio) / 1e30;
}

test("estimator matches exact rational arithmetic on every (c, k') at n = 128", () => {
  assert.ok(binom(128, 64) > 10n ** 37n); // the naive double product would overflow precision
  for (let c = 0; c <= 128; c++) {
    for (const k of curveKs(128)) {
      const got = passAtK(128, c, k);
      assert.ok(Number.isFinite(got));
      assert.ok(Math.abs(got - exactPassAtK(128, c, k)) < 1e-12, `n=128 c=${c} k=${k}: ${got} vs ${exactPassAtK(128, c, k)}`);
    }
  }
});

test("estimator matches exact arithmetic on random (n, c, k), n up to 1000", () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 1000 }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n }), fc.integer({ min: 1, max: n }))),
      ([n, c, k]) => Math.abs(passAtK(n, c, k) - exactPassAtK(n, c, k)) < 1e-12,
    ),
    { seed: 7, numRuns: 400 },
  );
});

test("edge cases: c = 0 gives 0, n - c < k gives 1, k = 1 gives c/n, k = n gives [c > 0]", () => {
  assert.equal(passAtK(16, 0, 4), 0);
  assert.equal(passAtK(16, 13, 4), 1);
  assert.equal(passAtK(16, 5, 1), 5 / 16);
  assert.equal(passAtK(7, 1, 7), 1);
  assert.equal(passAtK(7, 0, 7), 0);
});

test("k > n and malformed arguments are errors", () => {
  assert.throws(() => passAtK(4, 1, 5), /k=5 exceeds the 4 samples/);
  assert.throws(() => passAtK(4, 5, 1), RangeError);
  assert.throws(() => passAtK(4, 1, 0), RangeError);
  assert.throws(() => passAtK(0, 0, 1), RangeError);
  assert.throws(() => passAtK(4, 1.5, 1), RangeError);
});

test("curve k' are powers of two up to n, plus n", () => {
  assert.deepEqual(curveKs(16), [1, 2, 4, 8, 16]);
  assert.deepEqual(curveKs(128), [1, 2, 4, 8, 16, 32, 64, 128]);
  assert.deepEqual(curveKs(6), [1, 2, 4, 6]);
  assert.deepEqual(curveKs(1), [1]);
});
