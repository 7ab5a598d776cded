// The demo's RL outcome per arm: each arm's `oxa rl` run read back (rl-run-metrics.ts, the reader
// `oxa rl-report` uses) and the start and end of the three curves the demo reports — validation
// Pass@1 (step 0 = the fine-tuned model before RL), policy entropy and mean training reward.
import { join } from "node:path";
import { curveEnds, readRlRunMetrics, type CurveEnds, type RlRunMetrics } from "../rl/index.ts";
import { rlStageName } from "./rl-stage.ts";

/** The curves of the demo's RL section and of results.json, by their metrics column. */
export const DEMO_RL_CURVES = ["pass_at_1", "entropy", "reward_mean"] as const;
export type DemoRlCurve = (typeof DEMO_RL_CURVES)[number];

export interface RlArmSummary {
  steps: number;
  /** First and last value of each curve, with the step it was taken at. */
  curves: Record<DemoRlCurve, CurveEnds>;
}

/** Every arm's RL run, named by the arm (the eval's label, so a legend key hides one arm everywhere). */
export function readArmRuns(runDir: string, arms: readonly string[]): Promise<RlRunMetrics[]> {
  return Promise.all(arms.map((a) => readRlRunMetrics(a, join(runDir, rlStageName(a), "out"))));
}

export function rlArmSummary(run: RlRunMetrics): RlArmSummary {
  const ends = curveEnds(run);
  return { steps: run.steps.length, curves: Object.fromEntries(DEMO_RL_CURVES.map((k) => [k, ends[k]])) as Record<DemoRlCurve, CurveEnds> };
}
