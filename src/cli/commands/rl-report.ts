// `oxa rl-report`: several `oxa rl` runs on one page (and one SVG), one line per run in every chart.
import { defineCommand } from "../../command/command.ts";
import { parseLabelled } from "../../eval/index.ts";
import { rlReportConfig, rlReportSvgPath, runRlReport, type RlReportResult } from "../../rl/index.ts";

const num = (v: number | undefined) => (v === undefined ? "-" : String(+v.toPrecision(3)));

export const rlReportCommand = defineCommand({
  name: "rl-report",
  summary: "compare `oxa rl` runs: an HTML page of their curves, an SVG of the main ones, a JSON summary",
  description: `Reads each run directory's metrics.jsonl and validation.jsonl (as \`oxa rl\` writes them) and
writes --out, a self-contained HTML page with one chart per curve — reward mean and std, share of
zero-variance groups, entropy, KL, clip fractions, response length mean/max, truncated share, step
time for rollouts/rewards/update, validation Pass@1 — each with one line per run, and --svg, the
main curves (reward, Pass@1, entropy, KL) for a README. --json prints each run's first and last
value of every curve. See docs/rl.md.`,
  examples: [
    "oxa rl-report --run runs/rl --out runs/rl/report.html",
    "oxa rl-report --run sft=runs/rl-sft --run oxa=runs/rl-oxa --out rl-report.html --svg docs/images/rl-curves.svg",
  ],
  schema: rlReportConfig,
  files: (c) => ({
    inputs: c.run.map((r) => ({ option: "--run", path: parseLabelled(r).path, kind: "dir" as const })),
    outputs: [{ option: "--out", path: c.out }, { option: "--svg", path: rlReportSvgPath(c) }],
  }),
  run: (c) => runRlReport(c),
  format: (r: RlReportResult) =>
    r.runs
      .map((x) => `${x.name}: ${x.steps} steps; reward ${num(x.curves.reward_mean.first?.value)} -> ${num(x.curves.reward_mean.last?.value)}; Pass@1 ${num(x.curves.pass_at_1.first?.value)} -> ${num(x.curves.pass_at_1.last?.value)}; entropy ${num(x.curves.entropy.first?.value)} -> ${num(x.curves.entropy.last?.value)}`)
      .join("\n") + `\nwrote ${r.report} and ${r.svg}\n`,
});
