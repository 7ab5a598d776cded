import { test } from "node:test";
import assert from "node:assert/strict";
import { quantile, selectionWindow } from "../../src/demo/selection-window.ts";

test("nearest-rank quantiles", () => {
  const xs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  assert.equal(quantile(xs, 0.02), 1);
  assert.equal(quantile(xs, 0.5), 5);
  assert.equal(quantile(xs, 0.75), 8);
  assert.equal(quantile(xs, 0.98), 10);
  assert.throws(() => quantile([], 0.5));
});

test("on a pool spread like the paper's, the window keeps the paper's proportions", () => {
  // 1..5 in steps of 0.001: q02 ~ 1.08, q98 ~ 4.92, width ~ 3.84
  const pool = Array.from({ length: 4001 }, (_, i) => 1 + i / 1000);
  const w = selectionWindow(pool);
  assert.ok(Math.abs(w.minPpl - 1.08) < 0.01 && Math.abs(w.maxPpl - 4.92) < 0.01);
  assert.ok(Math.abs(w.sigma - (w.maxPpl - w.minPpl) / 16) < 1e-3);
  assert.ok(Math.abs(w.binWidth - (w.maxPpl - w.minPpl) / 80) < 1e-4);
  assert.ok(Math.abs(w.mu - 4.0) < 0.01);
});

test("order does not matter; non-finite values are ignored; degenerate pools are errors", () => {
  const a = [5, 1, 9, 3, 7, Infinity, NaN];
  assert.deepEqual(selectionWindow(a), selectionWindow([1, 3, 5, 7, 9]));
  assert.throws(() => selectionWindow([2, 2, 2]), /nothing to select/);
  assert.throws(() => selectionWindow([]), /no finite PPL/);
});
