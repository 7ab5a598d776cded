// The RL report: one self-contained HTML page (the eval report's primitives: html-page.ts,
// html-line-chart.ts) with a chart per curve of rl-report-metrics.ts, every chart holding one line
// per run, and a table of each run's first and last values. A run keeps its colour in every chart
// and clicking its legend key hides it everywhere.
import { esc } from "../report/html-axes.ts";
import { lineChart } from "../report/html-line-chart.ts";
import { htmlPage, htmlTable } from "../report/html-page.ts";
import { curveEnds, RL_CURVES, type RlCurveSpec } from "./rl-report-metrics.ts";
import type { RlRunMetrics } from "./rl-run-metrics.ts";

/** Chart ids the report contains, in order (the browser test checks each is drawn). */
export const rlReportChartIds = (): string[] => RL_CURVES.map((c) => c.key);

const fmt = (kind: RlCurveSpec["kind"]) => (v: number) =>
  kind === "share" ? `${+(100 * v).toPrecision(3)}%` : kind === "tokens" ? String(Math.round(v)) : String(+v.toPrecision(3));

/** Shares start at 0; small ones (clip fractions) get the room they need instead of a flat line at 0%. */
function shareRange(c: RlCurveSpec, runs: readonly RlRunMetrics[]): [number, number] | undefined {
  if (c.kind !== "share") return undefined;
  const top = Math.max(0, ...runs.flatMap((r) => c.points(r).map((p) => p[1])));
  return c.fullRange || top === 0 ? [0, 1] : [0, Math.min(1, top * 1.15)];
}

/** One curve's chart: one line per run on shared axes (also the demo's RL section). */
export function rlCurveChart(c: RlCurveSpec, runs: readonly RlRunMetrics[]): string {
  return lineChart({
    id: c.key,
    title: c.title,
    xLabel: "step",
    yLabel: c.yLabel,
    series: runs.map((r) => ({ name: r.name, points: c.points(r) })),
    yRange: shareRange(c, runs),
    yFormat: fmt(c.kind),
    xFormat: (v) => String(v),
    note: c.note,
  });
}

export function rlReportHtml(runs: readonly RlRunMetrics[], title = "oxa rl report"): string {
  const charts = RL_CURVES.map((c) => rlCurveChart(c, runs));
  const ends = runs.map(curveEnds);
  const cell = (c: RlCurveSpec, e: { value: number } | null) => (e ? fmt(c.kind)(e.value) : "-");
  const table = {
    headers: ["curve", ...runs.flatMap((r) => [`${r.name} first`, `${r.name} last`])],
    right: [false, ...runs.flatMap(() => [true, true])],
    rows: RL_CURVES.map((c) => [c.title, ...ends.flatMap((e) => [cell(c, e[c.key].first), cell(c, e[c.key].last)])]),
  };
  const steps = runs.map((r) => `${r.name}: ${r.steps.length}`).join(", ");
  return htmlPage({
    title,
    subtitle: `${runs.length} run${runs.length === 1 ? "" : "s"} of oxa rl, one line per run in every chart`,
    meta: [["steps", steps], ...runs.map((r): [string, string] => [r.name, r.dir])],
    sections: [
      `<h2>Curves</h2>`,
      `<div class="grid">${charts.join("\n")}</div>`,
      `<h2>First and last values</h2>`,
      htmlTable(table),
      `<p class="note">From each run's metrics.jsonl (one row per step) and validation.jsonl (Pass@1 every --eval-every steps, ${esc("step 0 = before training")}).</p>`,
    ],
  });
}
