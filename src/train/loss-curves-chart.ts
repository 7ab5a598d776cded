// The training curves as one standalone SVG: CE loss, UL loss and the mean token entropy of the CE
// and UL subsets per step, all in nats on one axis. Steps where a quantity is undefined (no UL
// sequences under sft / oxa-mle) simply have no point.
import { axes, colour, defaultFrame, linear, niceTicks } from "../report/html-axes.ts";
import { legend, svgDocument, type LegendItem } from "../report/svg.ts";

export interface StepMetrics {
  step: number;
  ce_loss: number | null;
  ul_loss: number | null;
  entropy_ce: number | null;
  entropy_ul: number | null;
}

const SERIES = [
  ["ce_loss", "CE loss"],
  ["ul_loss", "UL loss (unweighted)"],
  ["entropy_ce", "entropy, CE subset"],
  ["entropy_ul", "entropy, UL subset"],
] as const;

const fmt = (v: number) => String(+v.toPrecision(3));

export function lossCurvesChart(rows: readonly StepMetrics[], title: string): string {
  const f = { ...defaultFrame(), width: 720, height: 360, top: 30 };
  const series = SERIES.map(([key, label], i) => ({
    label,
    i,
    points: rows.filter((r) => r[key] !== null && Number.isFinite(r[key])).map((r) => [r.step, r[key] as number] as const),
  })).filter((s) => s.points.length > 0);
  const xs = rows.map((r) => r.step);
  const ys = series.flatMap((s) => s.points.map((p) => p[1]));
  const [x0, x1] = xs.length ? [Math.min(...xs), Math.max(...xs, Math.min(...xs) + 1)] : [0, 1];
  const yMax = ys.length ? Math.max(...ys) * 1.08 : 1;
  const x = linear(x0, x1, f.left + 6, f.width - f.right - 6);
  const y = linear(0, yMax, f.height - f.bottom, f.top);
  const parts = [
    axes(f, {
      x,
      y,
      xTicks: niceTicks(x0, x1, 8).filter((v) => Number.isInteger(v)).map((v) => ({ v, label: String(v) })),
      yTicks: niceTicks(0, yMax).map((v) => ({ v, label: fmt(v) })),
      xLabel: "optimizer step",
      yLabel: "nats",
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
