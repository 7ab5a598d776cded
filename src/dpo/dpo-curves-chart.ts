// The DPO curves as one standalone SVG: loss and the reward margin per step (with the chosen and
// rejected rewards whose difference it is), on one axis that spans negative values too. Built
// from the report primitives train's loss curves use.
import { axes, colour, defaultFrame, linear, niceTicks } from "../report/html-axes.ts";
import { legend, svgDocument, type LegendItem } from "../report/svg.ts";
import type { DpoMetricsRow } from "../engine/jobs/dpo.ts";

const SERIES = [
  ["loss", "loss"],
  ["rewards/margins", "reward margin"],
  ["rewards/chosen", "reward, chosen"],
  ["rewards/rejected", "reward, rejected"],
] as const;

const fmt = (v: number) => String(+v.toPrecision(3));

export function dpoCurvesChart(rows: readonly DpoMetricsRow[], title: string): string {
  const f = { ...defaultFrame(), width: 720, height: 360, top: 30 };
  const series = SERIES.map(([key, label], i) => ({ label, i, points: rows.filter((r) => Number.isFinite(r[key])).map((r) => [r.step, r[key]] as const) }));
  const xs = rows.map((r) => r.step);
  const ys = series.flatMap((s) => s.points.map((p) => p[1]));
  const [x0, x1] = xs.length ? [Math.min(...xs), Math.max(...xs, Math.min(...xs) + 1)] : [0, 1];
  const lo = Math.min(0, ...ys);
  const hi = Math.max(lo + 1e-9, ...ys);
  const pad = (hi - lo) * 0.08;
  const [y0, y1] = [lo < 0 ? lo - pad : 0, hi + pad];
  const x = linear(x0, x1, f.left + 6, f.width - f.right - 6);
  const y = linear(y0, y1, f.height - f.bottom, f.top);
  const parts = [
    axes(f, {
      x,
      y,
      xTicks: niceTicks(x0, x1, 8).filter((v) => Number.isInteger(v)).map((v) => ({ v, label: String(v) })),
      yTicks: niceTicks(y0, y1).map((v) => ({ v, label: fmt(v) })),
      xLabel: "optimizer step",
      yLabel: "loss / reward (nats x beta)",
    }),
    ...series.map((s) => {
      const pts = s.points.map(([a, b]) => `${x(a).toFixed(1)},${y(b).toFixed(1)}`).join(" ");
      return `<polyline points="${pts}" fill="none" stroke="${colour(s.i)}" stroke-width="1.6"/>`;
    }),
  ];
  const items: LegendItem[] = series.map((s) => ({ label: s.label, colour: s.i, kind: "line" }));
  parts.push(legend(f, items));
  return svgDocument(f, title, parts.join(""));
}
