// The picture of a selection: the candidate pool's PPL histogram (grey, its own scale on the
// right), the selection's histogram (bars) and, for binned strategies, the target per bin (line).
import { axes, colour, defaultFrame, linear, niceTicks } from "../report/html-axes.ts";
import { legend, svgDocument, type LegendItem } from "../report/svg.ts";
import type { SelectionStats } from "./selection-stats.ts";

const fmt = (v: number) => (Math.abs(v) >= 1000 ? `${+(v / 1000).toFixed(1)}k` : String(+v.toFixed(2)));

export function selectionChart(s: SelectionStats): string {
  const f = { ...defaultFrame(), width: 720, height: 360, top: 30, right: 56 };
  const { pool, selected, target } = s.histograms;
  const n = pool.counts.length;
  const x = linear(pool.min, pool.min + n * pool.width, f.left, f.width - f.right);
  const yMax = Math.max(1, ...selected.counts, ...(target ?? [])) * 1.1;
  const y = linear(0, yMax, f.height - f.bottom, f.top);
  const poolMax = Math.max(1, ...pool.counts) * 1.1;
  const yPool = linear(0, poolMax, f.height - f.bottom, f.top);
  const bar = (i: number, h: number, scale: (v: number) => number, c: string, op: number) =>
    h > 0
      ? `<rect x="${x(pool.min + i * pool.width).toFixed(1)}" y="${scale(h).toFixed(1)}" width="${Math.max(0.5, x(pool.width) - x(0) - 0.5).toFixed(1)}" height="${(scale(0) - scale(h)).toFixed(1)}" fill="${c}" fill-opacity="${op}"/>`
      : "";
  const parts = [
    axes(f, {
      x,
      y,
      xTicks: niceTicks(pool.min, pool.min + n * pool.width, 8).map((v) => ({ v, label: fmt(v) })),
      yTicks: niceTicks(0, yMax).map((v) => ({ v, label: fmt(v) })),
      xLabel: "perplexity under the target model",
      yLabel: "responses selected per bin",
    }),
    pool.counts.map((c, i) => bar(i, c, yPool, colour(7), 0.25)).join(""),
    selected.counts.map((c, i) => bar(i, c, y, colour(0), 0.75)).join(""),
  ];
  // Right axis: the pool's own counts.
  const xr = f.width - f.right;
  parts.push(`<line class="axis" x1="${xr}" x2="${xr}" y1="${f.height - f.bottom}" y2="${f.top}"/>`);
  for (const v of niceTicks(0, poolMax)) parts.push(`<text class="tick" x="${xr + 6}" y="${yPool(v).toFixed(1)}" dominant-baseline="middle">${fmt(v)}</text>`);
  const items: LegendItem[] = [
    { label: `pool (${s.input.kept.toLocaleString("en-US")}, right axis)`, colour: 7, kind: "box", opacity: 0.25 },
    { label: `selected (${s.totals.selected.toLocaleString("en-US")})`, colour: 0, kind: "box", opacity: 0.75 },
  ];
  if (target) {
    const pts = target.map((t, i) => `${x(pool.min + (i + 0.5) * pool.width).toFixed(1)},${y(t).toFixed(1)}`).join(" ");
    parts.push(`<polyline points="${pts}" fill="none" stroke="${colour(1)}" stroke-width="2"/>`);
    items.push({ label: "target per bin", colour: 1, kind: "line" });
  }
  parts.push(legend(f, items));
  return svgDocument(f, `oxa select --strategy ${s.strategy}: PPL of pool and selection`, parts.join(""));
}
