// Per-step curves of one run as one standalone SVG: several named series on one axis, the x axis in
// optimizer steps. The y axis starts at 0 and reaches below it only when a series does (DPO's
// rewards are signed; losses and entropies are not). Series with no finite point are left out of
// the legend, so a quantity a mode does not compute (UL loss under sft) leaves no trace.
import { axes, colour, defaultFrame, linear, niceTicks } from "./html-axes.ts";
import { legend, svgDocument, type LegendItem } from "./svg.ts";

export interface StepSeries {
  label: string;
  points: readonly (readonly [step: number, value: number])[];
}

const fmt = (v: number) => String(+v.toPrecision(3));

export function stepCurvesChart(input: readonly StepSeries[], o: { title: string; yLabel: string }): string {
  const f = { ...defaultFrame(), width: 720, height: 360, top: 30 };
  const series = input
    .map((s, i) => ({ ...s, i, points: s.points.filter(([, v]) => Number.isFinite(v)) }))
    .filter((s) => s.points.length > 0);
  const xs = series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = series.flatMap((s) => s.points.map((p) => p[1]));
  const [x0, x1] = xs.length ? [Math.min(...xs), Math.max(...xs, Math.min(...xs) + 1)] : [0, 1];
  const lo = Math.min(0, ...ys);
  const hi = Math.max(lo + 1e-9, ...ys);
  const pad = (hi - lo) * 0.08;
  const [y0, y1] = [lo < 0 ? lo - pad : 0, ys.length ? hi + pad : 1];
  const x = linear(x0, x1, f.left + 6, f.width - f.right - 6);
  const y = linear(y0, y1, f.height - f.bottom, f.top);
  const parts = [
    axes(f, {
      x,
      y,
      xTicks: niceTicks(x0, x1, 8).filter((v) => Number.isInteger(v)).map((v) => ({ v, label: String(v) })),
      yTicks: niceTicks(y0, y1).map((v) => ({ v, label: fmt(v) })),
      xLabel: "optimizer step",
      yLabel: o.yLabel,
    }),
    ...series.map((s) => {
      const pts = s.points.map(([a, b]) => `${x(a).toFixed(1)},${y(b).toFixed(1)}`).join(" ");
      return `<polyline points="${pts}" fill="none" stroke="${colour(s.i)}" stroke-width="1.6"/>`;
    }),
  ];
  const items: LegendItem[] = series.map((s) => ({ label: s.label, colour: s.i, kind: "line" }));
  parts.push(legend(f, items));
  return svgDocument(f, o.title, parts.join(""));
}

/** The series of `keys` read from metric rows; a null or non-finite value is no point. */
export function seriesOf<R extends { step: number }>(rows: readonly R[], keys: readonly (readonly [keyof R & string, string])[]): StepSeries[] {
  return keys.map(([key, label]) => ({
    label,
    points: rows.flatMap((r) => (typeof r[key] === "number" ? [[r.step, r[key] as number] as const] : [])),
  }));
}
