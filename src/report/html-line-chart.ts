// A line chart with markers as inline SVG: Pass@k' curves (x on a log2 axis) and similar.
// Series keep their index so a model has the same colour in every chart of a report.
import { axes, colour, defaultFrame, esc, figure, linear, niceTicks } from "./html-axes.ts";

export interface LineSeries {
  name: string;
  points: readonly (readonly [number, number])[];
}

export interface LineChartSpec {
  id: string;
  title: string;
  xLabel: string;
  yLabel: string;
  series: readonly LineSeries[];
  /** Place x on a log2 scale with ticks at the data's x values (k' = 1, 2, 4, ...). */
  log2x?: boolean;
  /** Fixed y range, else the data's range padded. */
  yRange?: [number, number];
  yFormat?: (v: number) => string;
  xFormat?: (v: number) => string;
  note?: string;
}

export function lineChart(s: LineChartSpec): string {
  const f = defaultFrame();
  const tx = (v: number) => (s.log2x ? Math.log2(v) : v);
  const xs = s.series.flatMap((se) => se.points.map((p) => p[0]));
  const ys = s.series.flatMap((se) => se.points.map((p) => p[1]));
  const [xMin, xMax] = xs.length ? [Math.min(...xs.map(tx)), Math.max(...xs.map(tx))] : [0, 1];
  let [yMin, yMax] = s.yRange ?? (ys.length ? [Math.min(...ys), Math.max(...ys)] : [0, 1]);
  if (!s.yRange) {
    const pad = (yMax - yMin || Math.abs(yMax) || 1) * 0.08;
    [yMin, yMax] = [yMin - pad, yMax + pad];
  }
  const x = linear(xMin, xMax === xMin ? xMin + 1 : xMax, f.left + 8, f.width - f.right - 8);
  const y = linear(yMin, yMax, f.height - f.bottom, f.top);
  const fx = s.xFormat ?? ((v: number) => String(v));
  const fy = s.yFormat ?? ((v: number) => String(v));
  const xTickVals = s.log2x ? [...new Set(xs)].sort((a, b) => a - b) : niceTicks(xMin, xMax);
  const body = [
    axes(f, {
      x: (v) => x(tx(v)),
      y,
      xTicks: xTickVals.map((v) => ({ v, label: fx(v) })),
      yTicks: niceTicks(yMin, yMax).map((v) => ({ v, label: fy(v) })),
      xLabel: s.xLabel,
      yLabel: s.yLabel,
    }),
  ];
  s.series.forEach((se, i) => {
    if (se.points.length === 0) return;
    const pts = se.points.map(([a, b]) => `${x(tx(a)).toFixed(1)},${y(b).toFixed(1)}`);
    const marks = se.points
      .map(([a, b]) => `<circle cx="${x(tx(a)).toFixed(1)}" cy="${y(b).toFixed(1)}" r="3.2"><title>${esc(`${se.name}: ${s.xLabel} ${fx(a)} → ${fy(b)}`)}</title></circle>`)
      .join("");
    body.push(`<g class="series" data-series="${esc(se.name)}" stroke="${colour(i)}" fill="${colour(i)}"><polyline fill="none" stroke-width="2" points="${pts.join(" ")}"/>${marks}</g>`);
  });
  return figure(s.id, s.title, f, body.join(""), s.series.map((se) => se.name), s.note);
}
