import { test } from "node:test";
import assert from "node:assert/strict";
import { binEdges, binShares, histogram } from "../../src/report/html-histogram.ts";
import { linear, niceTicks, esc } from "../../src/report/html-axes.ts";
import { barChart } from "../../src/report/html-bar-chart.ts";

test("histogram bins: shared edges from 0, closed last bin, shares sum to 1", () => {
  assert.deepEqual(binEdges([3, 10, 7], 5), [0, 2, 4, 6, 8, 10]);
  // 0 and 1.9 in bin 0; 2 in bin 1; 10 (the maximum) in the last bin.
  assert.deepEqual(binShares([0, 1.9, 2, 10], [0, 2, 4, 6, 8, 10]), [0.5, 0.25, 0, 0, 0.25]);
  const xs = Array.from({ length: 101 }, (_, i) => i * 3.7);
  const shares = binShares(xs, binEdges(xs, 24));
  assert.ok(Math.abs(shares.reduce((a, b) => a + b, 0) - 1) < 1e-12);
  assert.deepEqual(binShares([], [0, 1, 2]), [0, 0]);
  assert.deepEqual(binEdges([], 2), [0, 0.5, 1]); // no data: one unit wide, never NaN
  assert.ok(!histogram({ id: "h", title: "t", xLabel: "x", series: [{ name: "a", values: [] }] }).includes("NaN"));
});

test("axes: nice ticks and linear scales", () => {
  assert.deepEqual(niceTicks(0, 1), [0, 0.2, 0.4, 0.6, 0.8, 1]);
  assert.deepEqual(niceTicks(-0.25, 0.6), [-0.2, 0, 0.2, 0.4, 0.6]);
  assert.deepEqual(niceTicks(0, 1000, 4), [0, 500, 1000]);
  assert.deepEqual(niceTicks(3, 3), [3]);
  const s = linear(0, 10, 100, 0);
  assert.equal(s(0), 100);
  assert.equal(s(2.5), 75);
  assert.equal(esc(`<a href="x">&</a>`), "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;");
});

test("bar chart: a bar per non-null value, error bars, labels escaped", () => {
  const svg = barChart({ id: "b", title: "T<1>", categories: ["x", "y"], series: [{ name: "m&n", values: [0.5, null], errors: [0.1, null] }, { name: "o", values: [-0.2, 0.3] }], xLabel: "c", yLabel: "v" });
  assert.equal((svg.match(/<rect /g) ?? []).length, 3);
  assert.equal((svg.match(/class="err"/g) ?? []).length, 1);
  assert.ok(svg.includes("T&lt;1&gt;") && svg.includes('data-series="m&amp;n"') && svg.includes('class="zero"'));
  assert.ok(!svg.includes("NaN"));
});
