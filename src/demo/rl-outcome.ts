// After the demo's pipeline: every arm's RL run read back once, its start and end numbers for
// results.json, the RL section added to the copied report.html and the arms' curves as
// rl-curves.svg beside it.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "../io/atomic.ts";
import { appendSections } from "../report/html-page-sections.ts";
import { readArmRuns, rlArmSummary, type RlArmSummary } from "./rl-results.ts";
import { rlArmsSvg, rlReportSection } from "./rl-report-section.ts";

/**
 * Reads the arms' RL runs under `runDir` (stage names through `stageName`: a run seed's suffix) and,
 * when `draw`, extends `<out>/report.html` (whose eval charts list the
 * base before the arms: the RL charts keep that colour order), writes `<out>/rl-curves.svg`.
 */
export async function demoRlOutcome(
  runDir: string,
  out: string,
  arms: readonly string[],
  stageName: (stage: string) => string = (s) => s,
  draw = true,
): Promise<Record<string, RlArmSummary>> {
  const runs = await readArmRuns(runDir, arms, stageName);
  if (!draw) return Object.fromEntries(runs.map((r) => [r.name, rlArmSummary(r)]));
  const report = join(out, "report.html");
  writeFileAtomic(report, appendSections(readFileSync(report, "utf8"), rlReportSection(runs, ["base"])));
  writeFileAtomic(join(out, "rl-curves.svg"), rlArmsSvg(runs, "oxa demo: GRPO from each fine-tuned arm"));
  return Object.fromEntries(runs.map((r) => [r.name, rlArmSummary(r)]));
}
