// A per-seed point chart: for each category (an arm) and group (a world variant), every seed's value
// as a dot, the mean as a bar and ± one standard error as a whisker. The dots are drawn, not only the
// mean, because with three seeds a reader should see the spread itself. One body for the HTML page
// (figure()) and the same body in a standalone SVG document for a README.
import { axes, colour, esc, figure, linear, niceTicks, type Frame } from "./html-axes.ts";
import { svgDocument } from "./svg.ts";

export interface SeedPoints {
  category: string;
  /** One value per seed, in the seeds' order. */
  values: number[];
  mean: number;
  /** Standard error across seeds; null (one seed) draws no whisker. */
  se: number | null;
}

export interface SeedPointsGroup {
  name: string;
  points: SeedPoints[];
}

export interface SeedPointsSpec {
  title: string;
  yLabel: string;
  categories: string[];
  groups: SeedPointsGroup[];
}

/** The frame for this many categories and groups: wide enough for every seed's dot to show. */
export function seedPointsFrame(categories: number, groups: number): Frame {
  return { width: Math.max(460, 90 + categories * Math.max(1, groups) * 60), height: 300, left: 56, right: 14, top: 24, bottom: 44 };
}

/** The chart's marks; groups are `<g class="series" data-series=NAME>` so the page legend toggles them. */
export function seedPointsBody(s: SeedPointsSpec, f: Frame): string {
  const all = s.groups.flatMap((g) => g.points.flatMap((p) => [...p.values, p.mean + (p.se ?? 0)]));
  const top = Math.max(1e-9, ...all.filter(Number.isFinite));
  const ticks = niceTicks(0, top * 1.08);
  // niceTicks stays within the range: one more step so the axis reaches above every dot.
  if (ticks.length > 1 && ticks[ticks.length - 1] < top * 1.08) ticks.push(Number((2 * ticks[ticks.length - 1] - ticks[ticks.length - 2]).toPrecision(12)));
  const yMax = ticks[ticks.length - 1];
  const y = linear(0, yMax, f.height - f.bottom, f.top);
  const x0 = f.left;
  const slot = (f.width - f.right - x0) / s.categories.length;
  const nG = Math.max(1, s.groups.length);
  const at = (ci: number, gi: number) => x0 + slot * ci + (slot * (gi + 0.5)) / nG;
  const xs = linear(0, s.categories.length, x0, f.width - f.right);
  const parts = [
    axes(f, {
      x: xs,
      y,
      xTicks: [],
      yTicks: ticks.map((v) => ({ v, label: String(v) })),
      xLabel: "",
      yLabel: s.yLabel,
    }),
    ...s.categories.map((c, ci) => `<text class="tick" x="${(x0 + slot * (ci + 0.5)).toFixed(1)}" y="${f.height - f.bottom + 16}" text-anchor="middle">${esc(c)}</text>`),
  ];
  const half = Math.min(14, slot / nG / 3);
  s.groups.forEach((g, gi) => {
    const marks: string[] = [];
    for (const p of g.points) {
      const ci = s.categories.indexOf(p.category);
      if (ci < 0) continue;
      const cx = at(ci, gi);
      const col = colour(gi);
      if (p.se !== null) {
        const lo = y(Math.max(0, p.mean - p.se)).toFixed(1);
        const hi = y(p.mean + p.se).toFixed(1);
        marks.push(`<line class="err" x1="${cx.toFixed(1)}" x2="${cx.toFixed(1)}" y1="${lo}" y2="${hi}"/>`);
        for (const yy of [lo, hi]) marks.push(`<line class="err" x1="${(cx - 4).toFixed(1)}" x2="${(cx + 4).toFixed(1)}" y1="${yy}" y2="${yy}"/>`);
      }
      marks.push(`<line class="mean" x1="${(cx - half).toFixed(1)}" x2="${(cx + half).toFixed(1)}" y1="${y(p.mean).toFixed(1)}" y2="${y(p.mean).toFixed(1)}" stroke="${col}" stroke-width="3"><title>${esc(`${g.name} ${p.category}: mean ${p.mean}`)}</title></line>`);
      // Seeds spread evenly across the bar so equal values stay distinguishable.
      p.values.forEach((v, i) => {
        const dx = p.values.length < 2 ? 0 : -half + (2 * half * i) / (p.values.length - 1);
        marks.push(`<circle class="seed" cx="${(cx + dx).toFixed(1)}" cy="${y(v).toFixed(1)}" r="3.5" fill="${col}" fill-opacity="0.75"><title>${esc(`${g.name} ${p.category}, seed ${i + 1}: ${v}`)}</title></circle>`);
      });
    }
    parts.push(`<g class="series" data-series="${esc(g.name)}">${marks.join("")}</g>`);
  });
  return parts.join("");
}

/** The chart as a figure of an HTML report page. */
export function seedPointsFigure(id: string, s: SeedPointsSpec, note?: string): string {
  const f = seedPointsFrame(s.categories.length, s.groups.length);
  return figure(id, s.title, f, seedPointsBody(s, f), s.groups.map((g) => g.name), note);
}

/** The chart as a standalone SVG file (styles inline, a static legend). */
export function seedPointsSvg(s: SeedPointsSpec): string {
  const f = seedPointsFrame(s.categories.length, s.groups.length);
  const style = `<style>.err{stroke:#222;stroke-width:1.4}.seed{stroke:#fff;stroke-width:1}</style>`;
  // The legend in the bottom margin, in a row: the plot's top right holds the highest dots.
  const key = s.groups
    .map((g, i) => {
      const x = f.left + i * 110;
      const y = f.height - 8;
      return `<rect x="${x}" y="${y - 5}" width="10" height="10" fill="${colour(i)}"/><text x="${x + 15}" y="${y}" dominant-baseline="middle">${esc(g.name)}</text>`;
    })
    .join("");
  return svgDocument(f, s.title, style + seedPointsBody(s, f) + key);
}
