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

const PANEL = { width: 300, height: 240, left: 52, right: 12, top: 36, bottom: 40 };
const fmt = (v: number) => String(+v.toPrecision(3));

function panel(curves: readonly RlCurve[], title: string, pick: (c: RlCurve) => (readonly [number, number])[], fixed?: [number, number]): string {
  const f: Frame = { ...PANEL };
  const lines = curves.map((c, i) => ({ i, pts: pick(c).filter(([, v]) => Number.isFinite(v)) }));
  const xs = lines.flatMap((l) => l.pts.map((p) => p[0]));
  const ys = lines.flatMap((l) => l.pts.map((p) => p[1]));
  const [x0, x1] = xs.length ? [Math.min(...xs), Math.max(...xs, Math.min(...xs) + 1)] : [0, 1];
  const [y0, y1] = fixed ?? (ys.length ? [Math.min(0, ...ys), Math.max(...ys) * 1.08 || 1] : [0, 1]);
  const x = linear(x0, x1, f.left + 6, f.width - f.right - 6);
  const y = linear(y0, y1, f.height - f.bottom, f.top);
  const body = lines
    .filter((l) => l.pts.length)
    .map((l) => {
      const pts = l.pts.map(([a, b]) => `${x(a).toFixed(1)},${y(b).toFixed(1)}`).join(" ");
      const dots = l.pts.length === 1 ? `<circle cx="${x(l.pts[0][0]).toFixed(1)}" cy="${y(l.pts[0][1]).toFixed(1)}" r="2.5" fill="${colour(l.i)}"/>` : "";
      return `<polyline points="${pts}" fill="none" stroke="${colour(l.i)}" stroke-width="1.6"/>${dots}`;
    })
    .join("");
  const ax = axes(f, {
    x, y,
    xTicks: niceTicks(x0, x1, 5).filter(Number.isInteger).map((v) => ({ v, label: String(v) })),
    yTicks: niceTicks(y0, y1).map((v) => ({ v, label: fmt(v) })),
    xLabel: "step", yLabel: title,
  });
  return `<text x="${f.left}" y="${f.top - 10}" font-weight="600">${title}</text>${ax}${body}`;
}

export function rlCurvesChart(curves: readonly RlCurve[], title: string): string {
  const panels = [
    panel(curves, "mean training reward", (c) => c.steps.map((r) => [r.step, r.reward_mean])),
    panel(curves, "held-out Pass@1", (c) => c.validation.map((r) => [r.step, r.pass_at_1]), [0, 1]),
    panel(curves, "policy entropy (nats)", (c) => c.steps.map((r) => [r.step, r.entropy])),
    panel(curves, "KL to the reference", (c) => c.steps.filter((r) => r.kl !== null).map((r) => [r.step, r.kl as number])),
  ];
  const f: Frame = { width: PANEL.width * panels.length, height: PANEL.height + 20 + curves.length * 16, left: 12, right: 8, top: 22, bottom: 0 };
  const body = panels.map((p, i) => `<g transform="translate(${i * PANEL.width} 14)">${p}</g>`).join("");
  const keys = legend({ ...f, top: PANEL.height + 14, width: 190 + f.right }, curves.map((c, i) => ({ label: c.name, colour: i, kind: "line" as const })));
  return svgDocument(f, title, body + keys);
}
