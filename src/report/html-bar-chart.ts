// Grouped bars as inline SVG: one group per category, one bar per series, optional error bars
// (± one standard error) and negative values drawn below a zero line (gains per bucket).
import { axes, colour, defaultFrame, esc, figure, linear, niceTicks } from "./html-axes.ts";

export interface BarSeries {
  name: string;
  values: readonly (number | null)[];
  errors?: readonly (number | null)[];
}

export interface BarChartSpec {
  id: string;
  title: string;
  categories: readonly string[];
  series: readonly BarSeries[];
  xLabel: string;
  yLabel: string;
  yFormat?: (v: number) => string;
  note?: string;
}

export function barChart(s: BarChartSpec): string {
  const f = defaultFrame();
  const vals = s.series.flatMap((se) => se.values.map((v, j) => [v, se.errors?.[j] ?? 0] as const)).filter((p): p is readonly [number, number] => p[0] !== null);
  const lo = Math.min(0, ...vals.map(([v, e]) => v - e));
  const hi = Math.max(0, ...vals.map(([v, e]) => v + e));
  const pad = (hi - lo || 1) * 0.08;
  const yMin = lo < 0 ? lo - pad : 0;
  const yMax = hi + pad;
  const y = linear(yMin, yMax, f.height - f.bottom, f.top);
  const plotW = f.width - f.left - f.right;
  const groupW = plotW / Math.max(1, s.categories.length);
  const barW = Math.min(28, (groupW * 0.8) / Math.max(1, s.series.length));
  const cx = (j: number) => f.left + groupW * (j + 0.5);
  const fy = s.yFormat ?? ((v: number) => String(v));
  const body = [
    axes(f, {
      x: (j) => cx(j),
      y,
      xTicks: s.categories.map((c, j) => ({ v: j, label: c })),
      yTicks: niceTicks(yMin, yMax).map((v) => ({ v, label: fy(v) })),
      xLabel: s.xLabel,
      yLabel: s.yLabel,
    }),
  ];
  if (yMin < 0) body.push(`<line class="zero" x1="${f.left}" x2="${f.width - f.right}" y1="${y(0).toFixed(1)}" y2="${y(0).toFixed(1)}"/>`);
  s.series.forEach((se, i) => {
    const bars = se.values.map((v, j) => {
      if (v === null) return "";
      const x0 = cx(j) - (barW * s.series.length) / 2 + i * barW;
      const top = Math.min(y(v), y(0));
      const h = Math.max(0.5, Math.abs(y(v) - y(0)));
      const e = se.errors?.[j];
      const err = e
        ? `<line class="err" x1="${(x0 + barW / 2).toFixed(1)}" x2="${(x0 + barW / 2).toFixed(1)}" y1="${y(v - e).toFixed(1)}" y2="${y(v + e).toFixed(1)}"/>`
        : "";
      const tip = `${se.name} · ${s.categories[j]}: ${fy(v)}${e ? ` ± ${fy(e)}` : ""}`;
      return `<rect x="${(x0 + 1).toFixed(1)}" y="${top.toFixed(1)}" width="${(barW - 2).toFixed(1)}" height="${h.toFixed(1)}" rx="2"><title>${esc(tip)}</title></rect>${err}`;
    });
    body.push(`<g class="series" data-series="${esc(se.name)}" fill="${colour(i)}">${bars.join("")}</g>`);
  });
  return figure(s.id, s.title, f, body.join(""), s.series.map((se) => se.name), s.note);
}
