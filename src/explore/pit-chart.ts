// The picture of `oxa pairs`: how many explored rationales have their first pit at each step index
// (and how many have none), as a standalone SVG bar chart drawn with the report primitives.
import { axes, colour, defaultFrame, esc, linear, niceTicks } from "../report/html-axes.ts";
import { svgDocument } from "../report/svg.ts";

/** `pits[s]` = rationales whose first pit is step s (1-based); `noPit` = those with none. */
export function pitChart(pits: Record<string, number>, noPit: number, title: string): string {
  const f = { ...defaultFrame(), width: 560, height: 300, top: 30 };
  const last = Math.max(1, ...Object.keys(pits).map(Number));
  const cats = [...Array.from({ length: last }, (_, i) => String(i + 1)), "none"];
  const values = cats.map((c) => (c === "none" ? noPit : pits[c] ?? 0));
  const yMax = Math.max(1, ...values) * 1.1;
  const y = linear(0, yMax, f.height - f.bottom, f.top);
  const w = (f.width - f.left - f.right) / cats.length;
  const cx = (j: number) => f.left + w * (j + 0.5);
  const bars = values
    .map((v, j) => {
      const h = y(0) - y(v);
      return `<rect x="${(cx(j) - w * 0.4).toFixed(1)}" y="${y(v).toFixed(1)}" width="${(w * 0.8).toFixed(1)}" height="${h.toFixed(1)}" fill="${colour(cats[j] === "none" ? 7 : 0)}" fill-opacity="0.75"><title>${esc(`${cats[j]}: ${v}`)}</title></rect>`;
    })
    .join("");
  const body =
    axes(f, {
      x: cx,
      y,
      xTicks: cats.map((c, j) => ({ v: j, label: c })),
      yTicks: niceTicks(0, yMax).filter((v) => Number.isInteger(v)).map((v) => ({ v, label: String(v) })),
      xLabel: "step of the first pit",
      yLabel: "rationales",
    }) + bars;
  return svgDocument(f, title, body);
}
