// `oxa rl-report` as a stage: read the runs' metrics, write the HTML page and the SVG of the main
// curves, and return each run's first and last value of every curve (the --json summary).
import { parseLabelled } from "../eval/benchmark.ts";
import { writeFileAtomic } from "../io/atomic.ts";
import { UsageError } from "../io/errors.ts";
import { rlCurvesChart } from "./rl-curves-chart.ts";
import { rlReportSvgPath, type RlReportConfig } from "./rl-report-config.ts";
import { curveEnds, type CurveEnds } from "./rl-report-metrics.ts";
import { rlReportHtml } from "./rl-report-page.ts";
import { readRlRunMetrics } from "./rl-run-metrics.ts";

export interface RlReportResult {
  report: string;
  svg: string;
  runs: { name: string; dir: string; steps: number; validations: number; curves: Record<string, CurveEnds> }[];
}

export async function runRlReport(c: RlReportConfig): Promise<RlReportResult> {
  const specs = c.run.map((r) => parseLabelled(r));
  const dup = specs.find((s, i) => specs.findIndex((t) => t.label === s.label) !== i);
  if (dup) throw new UsageError(`two runs are named "${dup.label}": name them with NAME=DIR`);
  const runs = [];
  for (const s of specs) runs.push(await readRlRunMetrics(s.label, s.path));
  const svg = rlReportSvgPath(c);
  writeFileAtomic(c.out, rlReportHtml(runs, c.title));
  writeFileAtomic(svg, rlCurvesChart(runs, c.title));
  return {
    report: c.out,
    svg,
    runs: runs.map((r) => ({ name: r.name, dir: r.dir, steps: r.steps.length, validations: r.validation.length, curves: curveEnds(r) })),
  };
}
