// Overlaid histograms as inline SVG (output lengths per model): shared bins over all series,
// each drawn as a step outline with a light fill, heights as the share of that series' values
// so models with different sample counts compare directly.
import { axes, colour, defaultFrame, esc, figure, linear, niceTicks } from "./html-axes.ts";

export interface HistogramSpec {
  id: string;
  title: string;
  xLabel: string;
  series: readonly { name: string; values: readonly number[] }[];
  bins?: number;
  note?: string;
}

/** Shared bin edges: `bins` equal-width bins from 0 (or the minimum when negative) to the maximum. */
export function binEdges(values: readonly number[], bins: number): number[] {
  let lo = Math.min(0, ...values);
  let hi = Math.max(...values);
  if (!Number.isFinite(hi) || hi <= lo) hi = lo + 1;
  const w = (hi - lo) / bins;
  return Array.from({ length: bins + 1 }, (_, i) => lo + i * w);
}

/** Share of values in each bin; the last bin is closed so the maximum is counted. */
export function binShares(values: readonly number[], edges: readonly number[]): number[] {
  const bins = edges.length - 1;
  const counts = new Array<number>(bins).fill(0);
  const lo = edges[0];
  const w = (edges[bins] - lo) / bins;
  for (const v of values) counts[Math.min(bins - 1, Math.max(0, Math.floor((v - lo) / w)))]++;
  return counts.map((c) => (values.length ? c / values.length : 0));
}

export function histogram(s: HistogramSpec): string {
  const f = defaultFrame();
  const all = s.series.flatMap((se) => se.values);
  const edges = binEdges(all, s.bins ?? 24);
  const shares = s.series.map((se) => binShares(se.values, edges));
  const yMax = Math.max(0.01, ...shares.flat()) * 1.08;
  const x = linear(edges[0], edges[edges.length - 1], f.left + 4, f.width - f.right - 4);
  const y = linear(0, yMax, f.height - f.bottom, f.top);
  const body = [
    axes(f, {
      x,
      y,
      xTicks: niceTicks(edges[0], edges[edges.length - 1]).map((v) => ({ v, label: String(v) })),
      yTicks: niceTicks(0, yMax).map((v) => ({ v, label: `${Math.round(v * 1000) / 10}%` })),
      xLabel: s.xLabel,
      yLabel: "share of samples",
    }),
  ];
  s.series.forEach((se, i) => {
    const pts: string[] = [`${x(edges[0]).toFixed(1)},${y(0).toFixed(1)}`];
    shares[i].forEach((h, b) => pts.push(`${x(edges[b]).toFixed(1)},${y(h).toFixed(1)}`, `${x(edges[b + 1]).toFixed(1)},${y(h).toFixed(1)}`));
    pts.push(`${x(edges[edges.length - 1]).toFixed(1)},${y(0).toFixed(1)}`);
    const tips = shares[i]
      .map((h, b) => {
        if (h === 0) return "";
        const tip = `${se.name}: ${Math.round(edges[b])}–${Math.round(edges[b + 1])} tokens, ${(100 * h).toFixed(1)}%`;
        const [x0, x1] = [x(edges[b]), x(edges[b + 1])];
        return `<rect class="hit" x="${x0.toFixed(1)}" y="${y(h).toFixed(1)}" width="${(x1 - x0).toFixed(1)}" height="${(y(0) - y(h)).toFixed(1)}"><title>${esc(tip)}</title></rect>`;
      })
      .join("");
    body.push(`<g class="series" data-series="${esc(se.name)}" stroke="${colour(i)}" fill="${colour(i)}"><polygon points="${pts.join(" ")}" fill-opacity="0.16" stroke-width="1.8"/>${tips}</g>`);
  });
  return figure(s.id, s.title, f, body.join(""), s.series.map((se) => se.name), s.note);
}
