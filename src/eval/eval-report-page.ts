// The evaluation report: one self-contained HTML file with the comparison tables, Pass@1 with
// standard errors, Pass@k' curves per benchmark, policy entropy, output-length histograms and,
// when a base was given, the Pass@1 gain per difficulty bucket.
import type { EvalResults } from "./results.ts";
import { bucketTable, longTable, sharedK, wideTable } from "./comparison-table.ts";
import { barChart } from "../report/html-bar-chart.ts";
import { lineChart } from "../report/html-line-chart.ts";
import { histogram } from "../report/html-histogram.ts";
import { htmlPage, htmlTable } from "../report/html-page.ts";
import { esc } from "../report/html-axes.ts";
import { problemTable } from "./problem-table-html.ts";
import type { ProblemDetail } from "./problem-detail.ts";

/** Per model label, per benchmark: the per-problem details. */
export type DetailsByModel = Readonly<Record<string, Readonly<Record<string, readonly ProblemDetail[]>>>>;

const pct = (v: number) => `${(100 * v).toFixed(v !== 0 && Math.abs(v) < 0.1 ? 1 : 0)}%`;
const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "x";

/** Chart ids the report contains, in order (the browser test checks each is drawn). */
export function reportChartIds(r: EvalResults): string[] {
  const benches = r.benchmarks.map((b) => slug(b.name));
  return [
    "pass1",
    ...benches.map((b) => `passk-${b}`),
    ...(r.benchmarks.length > 1 ? ["passk-average"] : []),
    "entropy",
    ...benches.map((b) => `lengths-${b}`),
    ...(r.buckets ? Object.keys(r.buckets.benchmarks).map((b) => `buckets-${slug(b)}`) : []),
  ];
}

export function evalReportHtml(r: EvalResults, details: DetailsByModel): string {
  const labels = Object.keys(r.models);
  const benches = r.benchmarks.map((b) => b.name);
  const sections: string[] = [];

  const wide = wideTable(r);
  const colMax = wide.headers.map((_, c) => (c === 0 ? NaN : Math.max(...wide.rows.map((row) => Number(row[c])).filter(Number.isFinite))));
  sections.push(
    `<h2>Comparison</h2>`,
    htmlTable(wide, { best: (row, c) => c > 0 && labels.length > 1 && Number(wide.rows[row][c]) === colMax[c] }),
    `<p class="note">Percent. Pass@1 is the mean correctness over the k samples drawn per problem (${r.benchmarks.map((b) => `${esc(b.name)}: ${b.k}`).join(", ")}); Pass@k is the share of problems with at least one correct sample. Best per column in bold.</p>`,
  );

  const pass1Cats = benches.length > 1 ? [...benches, "average"] : benches;
  const pick = (l: string, b: string, key: "pass@1" | "pass@1_se" | "entropy") =>
    b === "average" ? r.models[l].average[key] : r.models[l].benchmarks[b][key];
  const charts: string[] = [
    barChart({
      id: "pass1",
      title: "Pass@1 (± one standard error across problems)",
      categories: pass1Cats,
      series: labels.map((l) => ({ name: l, values: pass1Cats.map((b) => pick(l, b, "pass@1")), errors: pass1Cats.map((b) => pick(l, b, "pass@1_se")) })),
      xLabel: "benchmark",
      yLabel: "Pass@1",
      yFormat: pct,
    }),
  ];
  const passkChart = (id: string, title: string, curve: (l: string) => [number, number][], note?: string) =>
    lineChart({ id, title, xLabel: "k", yLabel: "Pass@k", log2x: true, yRange: [0, 1], yFormat: pct, series: labels.map((l) => ({ name: l, points: curve(l) })), note });
  for (const b of r.benchmarks) {
    const curve = (l: string) => {
      const s = r.models[l].benchmarks[b.name];
      return s.curve_ks.map((k): [number, number] => [k, s[`pass@${k}`]]);
    };
    charts.push(passkChart(`passk-${slug(b.name)}`, `Pass@k — ${b.name}`, curve, "Unbiased estimator 1 − C(n−c,k)/C(n,k), averaged over problems."));
  }
  if (benches.length > 1) {
    const curve = (l: string) => {
      const a = r.models[l].average;
      const ks = Object.keys(a).filter((key) => /^pass@\d+$/.test(key)).map((key) => Number(key.slice(5)));
      return ks.sort((x, y) => x - y).map((k): [number, number] => [k, a[`pass@${k}`]]);
    };
    charts.push(passkChart("passk-average", "Pass@k — average over benchmarks", curve));
  }
  charts.push(
    barChart({
      id: "entropy",
      title: "Policy entropy over generated tokens",
      categories: pass1Cats,
      series: labels.map((l) => ({ name: l, values: pass1Cats.map((b) => pick(l, b, "entropy")) })),
      xLabel: "benchmark",
      yLabel: "mean token entropy (nats)",
      yFormat: (v) => v.toFixed(2),
      note: "Token-weighted: every generated token counts once.",
    }),
  );
  for (const b of benches) {
    charts.push(
      histogram({
        id: `lengths-${slug(b)}`,
        title: `Output length — ${b}`,
        xLabel: "generated tokens",
        series: labels.map((l) => ({ name: l, values: (details[l]?.[b] ?? []).flatMap((d) => d.lengths) })),
        note: labels.map((l) => `${l}: mean ${r.models[l].benchmarks[b].mean_length?.toFixed(0) ?? "-"}, median ${r.models[l].benchmarks[b].median_length?.toFixed(0) ?? "-"}`).join(" · "),
      }),
    );
  }
  if (r.buckets) {
    for (const [b, { n, rows }] of Object.entries(r.buckets.benchmarks)) {
      charts.push(
        barChart({
          id: `buckets-${slug(b)}`,
          title: `Pass@1 gain over ${r.buckets.base} by difficulty — ${b}`,
          categories: rows.map((row) => `${row.label} (${row.problems})`),
          series: labels.map((l) => ({ name: l, values: rows.map((row) => row.models[l]?.gain ?? null) })),
          xLabel: `${r.buckets.base}'s correct samples out of ${n} (problems)`,
          yLabel: "Pass@1 gain (points)",
          yFormat: (v) => (v === 0 ? "0" : `${v > 0 ? "+" : ""}${(100 * v).toFixed(0)}`),
        }),
      );
    }
  }
  sections.push(`<h2>Charts</h2><p class="note">Click a legend entry to hide or show that model everywhere.</p><div class="grid">${charts.join("\n")}</div>`);

  const long = longTable(r);
  sections.push(`<h2>Per benchmark</h2>`, htmlTable(long, { rowClass: (row) => (long.rows[row][1] === "average" ? "avg" : "") }));
  const bt = bucketTable(r);
  if (bt) sections.push(`<h2>Difficulty buckets</h2>`, htmlTable(bt));
  sections.push(`<h2>Per problem</h2>`, ...benches.map((b) => problemTable(b, Object.fromEntries(labels.map((l) => [l, details[l]?.[b] ?? []])))));
  sections.push(
    `<h2>Models</h2><ul>${labels.map((l) => `<li><b>${esc(l)}</b>: <code>${esc(r.models[l].path)}</code></li>`).join("")}</ul>`,
    `<h2>Benchmarks</h2><ul>${r.benchmarks.map((b) => `<li><b>${esc(b.name)}</b>: ${b.problems} problems, <code>${esc(b.path)}</code></li>`).join("")}</ul>`,
  );

  const st = r.settings;
  return htmlPage({
    title: "oxa eval",
    subtitle: `${labels.length} model${labels.length > 1 ? "s" : ""} × ${benches.length} benchmark${benches.length > 1 ? "s" : ""} · ${r.created_at}`,
    meta: [
      ["samples per problem", sharedK(r) === null ? r.benchmarks.map((b) => `${b.name} ${b.k}`).join(", ") : String(st.k)],
      ["temperature", String(st.temperature)],
      ["top-p", String(st.top_p)],
      ["max new tokens", String(st.max_new_tokens)],
      ["seed", String(st.seed)],
    ],
    sections,
  });
}
