import { test } from "node:test";
import assert from "node:assert/strict";
import * as R from "../../src/verify/rational.ts";

// Small random fractions checked against an independent computation in doubles.
function lcg(seed: number) {
  return () => (seed = (seed * 48271) % 2147483647) / 2147483647;
}

test("field operations agree with floating-point arithmetic and stay reduced", () => {
  const rnd = lcg(7);
  const pick = () => R.q(BigInt(Math.floor(rnd() * 2001) - 1000), BigInt(1 + Math.floor(rnd() * 999)));
  for (let k = 0; k < 500; k++) {
    const a = pick(), b = pick();
    const fa = Number(a.n) / Number(a.d), fb = Number(b.n) / Number(b.d);
    const cases: [R.Q, number][] = [[R.add(a, b), fa + fb], [R.sub(a, b), fa - fb], [R.mul(a, b), fa * fb]];
    if (!R.isZero(b)) cases.push([R.div(a, b), fa / fb]);
    for (const [r, f] of cases) {
      assert.ok(Math.abs(R.toNumber(r) - f) <= 1e-12 * Math.max(1, Math.abs(f)));
      assert.equal(R.gcd(r.n, r.d), r.n === 0n ? r.d : 1n);
      assert.ok(r.d > 0n);
    }
  }
});

test("powers are exact, refuse huge results, and roots are found only when exact", () => {
  assert.deepEqual(R.pow(R.q(2n, 3n), 10n), R.q(1024n, 59049n));
  assert.deepEqual(R.pow(R.q(2n), -3n), R.q(1n, 8n));
  assert.deepEqual(R.pow(R.q(-1n), 10n ** 30n), R.q(1n));
  assert.throws(() => R.pow(R.q(10n), 10n ** 10n), R.TooLargeError);
  assert.equal(R.exactRoot(3n ** 40n, 4), 3n ** 10n);
  assert.equal(R.exactRoot(3n ** 40n + 1n, 4), null);
  assert.equal(R.exactRoot(1000000n, 2), 1000n);
  for (let n = 0n; n < 300n; n++) assert.equal(R.exactRoot(n, 3) !== null, Number.isInteger(Math.round(Math.cbrt(Number(n)) * 1e9) / 1e9));
});

test("decimal literals parse exactly; out-of-range values convert to NaN, never to 0 or Infinity", () => {
  assert.deepEqual(R.fromDecimal(".25"), R.q(1n, 4n));
  assert.deepEqual(R.fromDecimal("-1.50"), R.q(-3n, 2n));
  assert.deepEqual(R.fromDecimal("3e5"), R.q(300000n));
  assert.deepEqual(R.fromDecimal("1.2E-3"), R.q(3n, 2500n));
  assert.throws(() => R.fromDecimal("1.2.3"), SyntaxError);
  assert.ok(Number.isNaN(R.toNumber(R.q(1n, 10n ** 400n))));
  assert.ok(Number.isNaN(R.toNumber(R.q(10n ** 400n))));
  const big = R.q(10n ** 300n + 1n, 3n * 10n ** 290n);
  assert.ok(Math.abs(R.toNumber(big) - 1e10 / 3) < 1e-3);
});
