// Standalone SVG files (for a chart a person opens on its own, beside a JSON summary). The chart
// parts — frame, scales, ticks, axes, palette — are the ones the HTML reports use
// (html-axes.ts); this adds the document around them: namespace, size, the styles those parts
// expect (an HTML page supplies them through its stylesheet), a title and a static legend.
import { colour, esc, type Frame } from "./html-axes.ts";

const STYLE =
  "text{font:11px system-ui,sans-serif;fill:#333}.title{font-size:13px;font-weight:600}.grid{stroke:#e6e6e6}" +
  ".axis,.tickmark{stroke:#666}.tick{fill:#555}.axis-title{font-size:11px;fill:#333}";

export interface LegendItem {
  label: string;
  /** Palette index (html-axes.ts colour()). */
  colour: number;
  kind: "box" | "line";
  /** Fill opacity of a box (default 0.7), to match the bars it stands for. */
  opacity?: number;
}

/** A legend in the top-right corner of the frame's plot area. */
export function legend(f: Frame, items: readonly LegendItem[]): string {
  const x = f.width - f.right - 170;
  return items
    .map((it, i) => {
      const y = f.top + 8 + i * 16;
      const mark =
        it.kind === "box"
          ? `<rect x="${x}" y="${y - 5}" width="12" height="10" fill="${colour(it.colour)}" fill-opacity="${it.opacity ?? 0.7}"/>`
          : `<line x1="${x}" x2="${x + 12}" y1="${y}" y2="${y}" stroke="${colour(it.colour)}" stroke-width="2"/>`;
      return `${mark}<text x="${x + 18}" y="${y}" dominant-baseline="middle">${esc(it.label)}</text>`;
    })
    .join("");
}

/** A complete SVG document of the frame's size holding `body`, with a title above the plot. */
export function svgDocument(f: Frame, title: string, body: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${f.width}" height="${f.height}" viewBox="0 0 ${f.width} ${f.height}" role="img" aria-label="${esc(title)}">` +
    `<style>${STYLE}</style><rect width="100%" height="100%" fill="#fff"/>` +
    `<text class="title" x="${f.left}" y="${Math.max(13, f.top - 8)}">${esc(title)}</text>${body}</svg>\n`
  );
}
