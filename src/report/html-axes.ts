// The parts every inline-SVG chart of the HTML reports shares: the plot frame, linear scales,
// "nice" tick values, axis drawing, series colours and text escaping.

export const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

// Okabe-Ito: distinguishable with the common colour-vision deficiencies.
const PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"];
export const colour = (i: number) => PALETTE[i % PALETTE.length];

export interface Frame {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export const defaultFrame = (): Frame => ({ width: 460, height: 280, left: 52, right: 14, top: 14, bottom: 44 });

export type Scale = (v: number) => number;

export function linear(d0: number, d1: number, r0: number, r1: number): Scale {
  const span = d1 - d0 || 1;
  return (v) => r0 + ((v - d0) / span) * (r1 - r0);
}

/** About `count` round tick values covering [min, max] (steps of 1, 2 or 5 times a power of ten). */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / count;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw)!;
  const out: number[] = [];
  for (let v = Math.ceil(min / step - 1e-9) * step; v <= max + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

export interface AxisSpec {
  x: Scale;
  y: Scale;
  xTicks: { v: number; label: string }[];
  yTicks: { v: number; label: string }[];
  xLabel: string;
  yLabel: string;
}

/** Grid lines, tick labels and axis titles. */
export function axes(f: Frame, a: AxisSpec): string {
  const x0 = f.left;
  const x1 = f.width - f.right;
  const y0 = f.height - f.bottom;
  const y1 = f.top;
  const parts: string[] = [];
  for (const t of a.yTicks) {
    const y = a.y(t.v).toFixed(1);
    parts.push(`<line class="grid" x1="${x0}" x2="${x1}" y1="${y}" y2="${y}"/>`, `<text class="tick" x="${x0 - 6}" y="${y}" text-anchor="end" dominant-baseline="middle">${esc(t.label)}</text>`);
  }
  for (const t of a.xTicks) {
    const x = a.x(t.v).toFixed(1);
    parts.push(`<line class="tickmark" x1="${x}" x2="${x}" y1="${y0}" y2="${y0 + 4}"/>`, `<text class="tick" x="${x}" y="${y0 + 16}" text-anchor="middle">${esc(t.label)}</text>`);
  }
  parts.push(`<line class="axis" x1="${x0}" x2="${x1}" y1="${y0}" y2="${y0}"/>`, `<line class="axis" x1="${x0}" x2="${x0}" y1="${y0}" y2="${y1}"/>`);
  parts.push(`<text class="axis-title" x="${(x0 + x1) / 2}" y="${f.height - 6}" text-anchor="middle">${esc(a.xLabel)}</text>`);
  parts.push(`<text class="axis-title" transform="translate(13 ${(y0 + y1) / 2}) rotate(-90)" text-anchor="middle">${esc(a.yLabel)}</text>`);
  return parts.join("");
}

/** Wraps chart content in a figure with a title and a clickable legend (see html-page.ts). */
export function figure(id: string, title: string, f: Frame, body: string, series: readonly string[], note?: string): string {
  const legend = series
    .map((s, i) => `<button type="button" class="key" data-series="${esc(s)}"><span class="swatch" style="background:${colour(i)}"></span>${esc(s)}</button>`)
    .join("");
  return (
    `<figure class="chart" id="${esc(id)}"><figcaption>${esc(title)}</figcaption>` +
    `<svg viewBox="0 0 ${f.width} ${f.height}" role="img" aria-label="${esc(title)}">${body}</svg>` +
    `<div class="legend">${legend}</div>${note ? `<p class="note">${esc(note)}</p>` : ""}</figure>`
  );
}
