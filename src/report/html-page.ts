// A self-contained HTML page: inline CSS and a few lines of inline JS, no external resources, so
// the report opens offline and can be mailed as one file. The script only toggles a series in
// every chart when its legend key is clicked.
import { esc } from "./html-axes.ts";
import type { Table } from "./table.ts";

const CSS = `
:root{--fg:#1d2430;--muted:#5b6472;--line:#e3e7ee;--bg:#f6f8fb;--card:#fff;--accent:#0072B2}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);background:var(--bg)}
header{padding:22px 32px 14px;background:var(--card);border-bottom:1px solid var(--line)}
h1{margin:0 0 4px;font-size:22px}
h2{margin:28px 0 10px;font-size:17px}
.sub{color:var(--muted);margin:0}
main{padding:0 32px 40px;max-width:1500px}
.meta{display:flex;flex-wrap:wrap;gap:6px 18px;margin-top:10px;color:var(--muted);font-size:13px}
.meta b{color:var(--fg);font-weight:600}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(440px,1fr));gap:16px}
figure.chart{margin:0;background:var(--card);border:1px solid var(--line);border-radius:10px;padding:12px 14px 8px}
figcaption{font-weight:600;margin-bottom:4px}
svg{width:100%;height:auto;display:block}
svg text{font-size:11px;fill:var(--muted)}
svg .axis-title{font-size:12px;fill:var(--fg)}
svg .grid{stroke:var(--line)}
svg .axis,svg .tickmark{stroke:#9aa3b0}
svg .zero{stroke:#333;stroke-dasharray:3 3}
svg .err{stroke:#222;stroke-width:1.4}
svg .hit{fill:transparent;stroke:none}
svg circle{stroke:#fff;stroke-width:1}
.series.off{display:none}
.legend{display:flex;flex-wrap:wrap;gap:4px 10px;margin:6px 0 2px}
.key{border:0;background:none;padding:2px 4px;font:inherit;font-size:12px;color:var(--fg);cursor:pointer;border-radius:4px}
.key:hover{background:var(--bg)}
.key.off{opacity:.35;text-decoration:line-through}
.swatch{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:5px;vertical-align:-1px}
.note{color:var(--muted);font-size:12px;margin:4px 0 0}
.table-wrap{overflow-x:auto;background:var(--card);border:1px solid var(--line);border-radius:10px}
table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums;font-size:13px}
th,td{padding:6px 10px;border-bottom:1px solid var(--line);white-space:nowrap}
th{background:#eef2f7;text-align:left;font-weight:600}
td.r,th.r{text-align:right}
tr.avg td{font-weight:600;background:#fafbfd}
td.best{font-weight:700;color:var(--accent)}
details.problems{margin:8px 0}
details.problems summary{cursor:pointer;padding:6px 0;font-weight:600}
details.problems .table-wrap{max-height:420px;overflow-y:auto}
details.problems th{position:sticky;top:0}
`;

const JS = `
document.querySelectorAll('.key').forEach(function (k) {
  k.addEventListener('click', function () {
    var name = k.getAttribute('data-series');
    var off = !k.classList.contains('off');
    document.querySelectorAll('[data-series]').forEach(function (el) {
      if (el.getAttribute('data-series') === name) el.classList.toggle('off', off);
    });
  });
});
`;

/** An HTML table; `best` marks the cells to emphasise, `rowClass` tags whole rows. */
export function htmlTable(t: Table, opts: { best?: (r: number, c: number) => boolean; rowClass?: (r: number) => string } = {}): string {
  const cls = (c: number) => (t.right?.[c] ? ' class="r"' : "");
  const head = `<tr>${t.headers.map((h, c) => `<th${cls(c)}>${esc(h)}</th>`).join("")}</tr>`;
  const rows = t.rows.map((row, r) => {
    const tds = row.map((cell, c) => {
      const classes = [t.right?.[c] ? "r" : "", opts.best?.(r, c) ? "best" : ""].filter(Boolean).join(" ");
      return `<td${classes ? ` class="${classes}"` : ""}>${esc(cell)}</td>`;
    });
    const rc = opts.rowClass?.(r);
    return `<tr${rc ? ` class="${rc}"` : ""}>${tds.join("")}</tr>`;
  });
  return `<div class="table-wrap"><table>${head}${rows.join("")}</table></div>`;
}

export interface PageSpec {
  title: string;
  subtitle: string;
  meta: [string, string][];
  /** Body HTML, already escaped. */
  sections: string[];
}

export function htmlPage(p: PageSpec): string {
  const meta = p.meta.map(([k, v]) => `<span>${esc(k)}: <b>${esc(v)}</b></span>`).join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(p.title)}</title><style>${CSS}</style></head>
<body><header><h1>${esc(p.title)}</h1><p class="sub">${esc(p.subtitle)}</p><div class="meta">${meta}</div></header>
<main>${p.sections.join("\n")}</main>
<script>${JS}</script></body></html>
`;
}
