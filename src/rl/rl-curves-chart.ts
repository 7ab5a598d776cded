// The RL curves as one standalone SVG of four panels side by side — mean training reward, held-out
// Pass@1, policy entropy (nats, at the rollout temperature), KL to the reference — with one colour
// per run, so several runs (e.g. the demo's arms) compare on one chart. A run without validation or
// without a reference simply has no line in that panel.
import { axes, colour, linear, niceTicks, type Frame } from "../report/html-axes.ts";
import { legend, svgDocument } from "../report/svg.ts";

export interface RlCurve {
  name: string;
  steps: readonly { step: number; reward_mean: number; entropy: number; kl: number | null }[];
  validation: readonly { step: number; pass_at_1: number }[];
}

/** One panel's size; several panels side by side make a chart (rlCurvesChart, the demo's study chart). */
export const RL_PANEL = { width: 300, height: 240, left: 52, right: 12, top: 36, bottom: 40 } as const;
const fmt = (v: number) => String(+v.toPrecision(3));

/** One line of a panel: a palette index and its points; a faint line (one seed of a mean) is thin and pale. */
export interface PanelLine {
  colour: number;
  points: readonly (readonly [step: number, value: number])[];
  faint?: boolean;
}

/** One panel (its own axes, title above) at the origin of RL_PANEL's frame; `fixed` pins the y range. */
export function rlPanel(input: readonly PanelLine[], title: string, fixed?: readonly [number, number], yLabel = title): string {
  const f: Frame = { ...RL_PANEL };
  const lines = input.map((l) => ({ ...l, points: l.points.filter(([, v]) => Number.isFinite(v)) }));
  const xs = lines.flatMap((l) => l.points.map((p) => p[0]));
  const ys = lines.flatMap((l) => l.points.map((p) => p[1]));
  const [x0, x1] = xs.length ? [Math.min(...xs), Math.max(...xs, Math.min(...xs) + 1)] : [0, 1];
  const [y0, y1] = fixed ?? (ys.length ? [Math.min(0, ...ys), Math.max(...ys) * 1.08 || 1] : [0, 1]);
  const x = linear(x0, x1, f.left + 6, f.width - f.right - 6);
  const y = linear(y0, y1, f.height - f.bottom, f.top);
  // faint lines first, so the means are drawn over them
  const body = [...lines.filter((l) => l.faint), ...lines.filter((l) => !l.faint)]
    .filter((l) => l.points.length)
    .map((l) => {
      const pts = l.points.map(([a, b]) => `${x(a).toFixed(1)},${y(b).toFixed(1)}`).join(" ");
      const stroke = l.faint ? `class="faint" stroke-width="1" stroke-opacity="0.35"` : `stroke-width="1.6"`;
      const dots = l.points.length === 1 ? `<circle cx="${x(l.points[0][0]).toFixed(1)}" cy="${y(l.points[0][1]).toFixed(1)}" r="2.5" fill="${colour(l.colour)}"/>` : "";
      return `<polyline points="${pts}" fill="none" stroke="${colour(l.colour)}" ${stroke}/>${dots}`;
    })
    .join("");
  const ax = axes(f, {
    x, y,
    xTicks: niceTicks(x0, x1, 5).filter(Number.isInteger).map((v) => ({ v, label: String(v) })),
    yTicks: niceTicks(y0, y1).map((v) => ({ v, label: fmt(v) })),
    xLabel: "step", yLabel,
  });
  return `<text x="${f.left}" y="${f.top - 10}" font-weight="600">${title}</text>${ax}${body}`;
}

/** A run's curves without its name (one seed of an arm). */
export type RlCurvePoints = Omit<RlCurve, "name">;

/** The panels' picks: each RL curve as points of one panel. */
export const RL_CURVE_POINTS = {
  reward: (c: RlCurvePoints) => c.steps.map((r) => [r.step, r.reward_mean] as const),
  pass1: (c: RlCurvePoints) => c.validation.map((r) => [r.step, r.pass_at_1] as const),
  entropy: (c: RlCurvePoints) => c.steps.map((r) => [r.step, r.entropy] as const),
  kl: (c: RlCurvePoints) => c.steps.filter((r) => r.kl !== null).map((r) => [r.step, r.kl as number] as const),
};

export function rlCurvesChart(curves: readonly RlCurve[], title: string): string {
  const lines = (pick: (c: RlCurve) => readonly (readonly [number, number])[]) => curves.map((c, i) => ({ colour: i, points: pick(c) }));
  const panels = [
    rlPanel(lines(RL_CURVE_POINTS.reward), "mean training reward"),
    rlPanel(lines(RL_CURVE_POINTS.pass1), "held-out Pass@1", [0, 1]),
    rlPanel(lines(RL_CURVE_POINTS.entropy), "policy entropy (nats)"),
    rlPanel(lines(RL_CURVE_POINTS.kl), "KL to the reference"),
  ];
  const f: Frame = { width: RL_PANEL.width * panels.length, height: RL_PANEL.height + 20 + curves.length * 16, left: 12, right: 8, top: 22, bottom: 0 };
  const body = panels.map((p, i) => `<g transform="translate(${i * RL_PANEL.width} 14)">${p}</g>`).join("");
  const keys = legend({ ...f, top: RL_PANEL.height + 14, width: 190 + f.right }, curves.map((c, i) => ({ label: c.name, colour: i, kind: "line" as const })));
  return svgDocument(f, title, body + keys);
}
