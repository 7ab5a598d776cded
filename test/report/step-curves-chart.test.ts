// The per-step curves chart train and dpo draw: points placed on the axis the values span (below 0
// only when a series goes there), series without a finite point left out of the legend.
import assert from "node:assert/strict";
import { test } from "node:test";
import { seriesOf, stepCurvesChart } from "../../src/report/step-curves-chart.ts";

const polylines = (svg: string) => [...svg.matchAll(/<polyline points="([^"]*)"/g)].map((m) => m[1].split(" ").map((p) => p.split(",").map(Number)));

test("seriesOf reads numbers only: null and missing values are no point", () => {
  const rows = [{ step: 1, a: 0.5, b: null }, { step: 2, a: 0.25, b: 3 }];
  assert.deepEqual(seriesOf(rows, [["a", "A"], ["b", "B"]]), [
    { label: "A", points: [[1, 0.5], [2, 0.25]] },
    { label: "B", points: [[2, 3]] },
  ]);
});

test("non-negative series sit on an axis from 0; a negative one pulls the axis below 0", () => {
  const pos = stepCurvesChart([{ label: "loss", points: [[1, 1], [2, 0.5], [3, 0]] }], { title: "t", yLabel: "nats" });
  const [line] = polylines(pos);
  assert.equal(line.length, 3);
  // the value 0 is drawn at the bottom of the plot: the lowest point on screen (largest y)
  assert.equal(Math.max(...line.map((p) => p[1])), line[2][1]);
  const both = stepCurvesChart([{ label: "margin", points: [[1, -1], [2, 1]] }, { label: "zero", points: [[1, 0], [2, 0]] }], { title: "t", yLabel: "r" });
  const [m, z] = polylines(both);
  // 0 lies strictly between -1 and 1 on screen, halfway (the padding is symmetric)
  assert.ok(m[0][1] > z[0][1] && z[0][1] > m[1][1]);
  assert.ok(Math.abs(z[0][1] - (m[0][1] + m[1][1]) / 2) < 0.11);
});

test("a series with no finite point has no line and no legend entry", () => {
  const svg = stepCurvesChart([{ label: "CE loss", points: [[1, 2]] }, { label: "UL loss", points: [[1, Number.NaN]] }], { title: "t", yLabel: "nats" });
  assert.equal(polylines(svg).length, 1);
  assert.match(svg, /CE loss/);
  assert.doesNotMatch(svg, /UL loss/);
});
