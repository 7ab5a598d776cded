import { test } from "node:test";
import assert from "node:assert/strict";
import { binIndex, binLayout, flatTargets, gaussianTargets } from "../../src/select/bins.ts";

// Independent computation: the pdf written out with Math.pow, normalised, and the leftover units
// placed by ranking fractional parts with a separate sort (value desc, index asc).
function referenceTargets(mu: number, sigma: number, n: number, min: number, max: number, w: number): number[] {
  const m = Math.round((max - min) / w);
  const dens: number[] = [];
  for (let i = 0; i < m; i++) {
    const x = min + w * i + w / 2;
    dens.push((1 / (sigma * Math.sqrt(2 * Math.PI))) * Math.pow(Math.E, -Math.pow(x - mu, 2) / (2 * sigma * sigma)));
  }
  const sum = dens.reduce((a, b) => a + b, 0);
  const exact = dens.map((d) => (n * d) / sum);
  const base = exact.map((e) => Math.floor(e));
  const left = n - base.reduce((a, b) => a + b, 0);
  const ranked = exact.map((e, i) => ({ f: e - Math.floor(e), i })).sort((a, b) => (b.f !== a.f ? b.f - a.f : a.i - b.i));
  for (let k = 0; k < left; k++) base[ranked[k].i]++;
  return base;
}

for (const mu of [2.5, 3.0]) {
  test(`paper settings μ=${mu}, σ=0.25, N=50,000, [1, 5], w=0.05: targets match an independent computation`, () => {
    const layout = binLayout(1.0, 5.0, 0.05);
    assert.equal(layout.count, 80);
    const t = gaussianTargets(layout, mu, 0.25, 50000);
    assert.deepEqual(t, referenceTargets(mu, 0.25, 50000, 1.0, 5.0, 0.05));
    assert.equal(t.reduce((a, b) => a + b, 0), 50000);
    // The peak straddles μ: the two bins whose centres are μ ± w/2 get the most, equally.
    const peak = Math.max(...t);
    const centre = Math.round((mu - 1.0) / 0.05);
    assert.ok(Math.abs(t[centre - 1] - t[centre]) <= 1 && t[centre] >= peak - 1);
    // ≈ N·w·pdf(μ + w/2) (the renormalisation changes this by well under 1 %).
    const approx = 50000 * 0.05 * (1 / (0.25 * Math.sqrt(2 * Math.PI))) * Math.exp(-0.5 * (0.025 / 0.25) ** 2);
    assert.ok(Math.abs(peak - approx) / approx < 0.01, `${peak} vs ${approx}`);
  });
}

test("bin index: floor((ppl − min)/w + 1e-9), clamped to M−1, outside [min, max] discarded", () => {
  const l = binLayout(1.0, 5.0, 0.05);
  // (1.15 − 1)/0.05 = 2.9999999999999982 in floating point: the 1e-9 guard puts it in bin 3.
  assert.ok((1.15 - 1) / 0.05 < 3);
  assert.equal(binIndex(l, 1.15), 3);
  assert.equal(binIndex(l, 1.0), 0);
  assert.equal(binIndex(l, 1.049999), 0);
  assert.equal(binIndex(l, 5.0), 79);
  assert.equal(binIndex(l, 4.99), 79);
  assert.equal(binIndex(l, 0.999), -1);
  assert.equal(binIndex(l, 5.0001), -1);
  assert.equal(binIndex(l, NaN), -1);
  for (let k = 0; k < 80; k++) assert.equal(binIndex(l, Number((1 + k * 0.05).toFixed(2))), k, `edge ${k}`);
});

test("bin count rounds half to even like the reference (Python round)", () => {
  assert.equal(binLayout(0, 2.5, 1).count, 2);
  assert.equal(binLayout(0, 3.5, 1).count, 4);
  assert.equal(binLayout(2.5, 3.0, 0.05).count, 10);
});

test("flat targets spread N evenly, the remainder to the lowest bins", () => {
  assert.deepEqual(flatTargets(binLayout(2.5, 3.0, 0.1), 23), [5, 5, 5, 4, 4]);
});
