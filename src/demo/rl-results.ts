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
export function readArmRuns(runDir: string, arms: readonly string[], stageName: (stage: string) => string = (s) => s): Promise<RlRunMetrics[]> {
  return Promise.all(arms.map((a) => readRlRunMetrics(a, join(runDir, stageName(rlStageName(a)), "out"))));
}

export function rlArmSummary(run: RlRunMetrics): RlArmSummary {
  const ends = curveEnds(run);
  return { steps: run.steps.length, curves: Object.fromEntries(DEMO_RL_CURVES.map((k) => [k, ends[k]])) as Record<DemoRlCurve, CurveEnds> };
}

/** The RL lines under the demo's table: per arm, Pass@1, entropy and reward from start to end. */
export function formatRlSummary(rl: Readonly<Record<string, RlArmSummary>>): string {
  const pct = (v: number | undefined) => (v === undefined ? "-" : `${(100 * v).toFixed(1)}`);
  const n = (v: number | undefined) => (v === undefined ? "-" : v.toFixed(3));
  const lines = Object.entries(rl).map(([arm, s]) => {
    const c = s.curves;
    return `  ${arm.padEnd(9)} Pass@1 ${pct(c.pass_at_1.first?.value)} -> ${pct(c.pass_at_1.last?.value)}   entropy ${n(c.entropy.first?.value)} -> ${n(c.entropy.last?.value)}   reward ${n(c.reward_mean.first?.value)} -> ${n(c.reward_mean.last?.value)}`;
  });
  const steps = Math.max(0, ...Object.values(rl).map((s) => s.steps));
  return `RL stage (GRPO, ${steps} steps per arm; Pass@1 greedy on the held-out problems, step 0 = before RL):\n${lines.join("\n")}`;
}
