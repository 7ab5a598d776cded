// The curves of the RL report, each named once: which column of metrics.jsonl (or validation.jsonl)
// it plots, its title and unit. The HTML page draws one chart per entry and the --json summary
// gives each entry's first and last value per run, so the two never disagree on what is shown.
import type { RlMetricsRow, RlValidationRow } from "../engine/jobs/rl.ts";
import type { RlRunMetrics } from "./rl-run-metrics.ts";

export interface RlCurveSpec {
  /** Summary key and chart id (the column's name). */
  key: string;
  title: string;
  yLabel: string;
  kind: "share" | "number" | "seconds" | "tokens";
  /** The (step, value) points of one run; null values (KL without a reference) are left out. */
  points(r: RlRunMetrics): [number, number][];
  note?: string;
  /** Draw the whole 0-100% range (Pass@1); other shares are drawn from 0 to a little above their largest value. */
  fullRange?: boolean;
}

const step = (key: keyof RlMetricsRow) => (r: RlRunMetrics): [number, number][] =>
  r.steps.flatMap((s) => (typeof s[key] === "number" && Number.isFinite(s[key]) ? [[s.step, s[key] as number]] : []));
const val = (key: keyof RlValidationRow) => (r: RlRunMetrics): [number, number][] => r.validation.map((v) => [v.step, v[key] as number]);

export const RL_CURVES: readonly RlCurveSpec[] = [
  { key: "reward_mean", title: "Mean training reward", yLabel: "reward", kind: "number", points: step("reward_mean") },
  { key: "reward_std", title: "Reward std (over the step's rollouts)", yLabel: "std", kind: "number", points: step("reward_std") },
  { key: "pass_at_1", title: "Validation Pass@1 (held out)", yLabel: "Pass@1", kind: "share", fullRange: true, points: val("pass_at_1"), note: "Step 0 is the starting model." },
  { key: "zero_variance_groups", title: "Groups with zero reward variance", yLabel: "share of groups", kind: "share", points: step("zero_variance_groups"), note: "Such a group has advantage 0 everywhere: it teaches nothing." },
  { key: "entropy", title: "Policy entropy (nats per token, at the rollout temperature)", yLabel: "entropy", kind: "number", points: step("entropy") },
  { key: "kl", title: "KL to the reference (per token)", yLabel: "KL", kind: "number", points: step("kl"), note: "No line for a run without a reference model (--kl-coef 0)." },
  { key: "clip_low", title: "Tokens clipped below (ratio < 1 - eps_low, A < 0)", yLabel: "share of tokens", kind: "share", points: step("clip_low") },
  { key: "clip_high", title: "Tokens clipped above (ratio > 1 + eps_high, A > 0)", yLabel: "share of tokens", kind: "share", points: step("clip_high") },
  { key: "response_length_mean", title: "Response length, mean", yLabel: "tokens", kind: "tokens", points: step("response_length_mean") },
  { key: "response_length_max", title: "Response length, max", yLabel: "tokens", kind: "tokens", points: step("response_length_max") },
  { key: "truncated", title: "Rollouts truncated at the length cap", yLabel: "share of rollouts", kind: "share", points: step("truncated") },
  { key: "rollout_s", title: "Step time: rollouts", yLabel: "seconds", kind: "seconds", points: step("rollout_s") },
  { key: "reward_s", title: "Step time: rewards (verifier)", yLabel: "seconds", kind: "seconds", points: step("reward_s") },
  { key: "update_s", title: "Step time: update", yLabel: "seconds", kind: "seconds", points: step("update_s") },
];

export interface CurveEnds {
  first: { step: number; value: number } | null;
  last: { step: number; value: number } | null;
}

/** The first and last point of every curve of one run. */
export function curveEnds(r: RlRunMetrics): Record<string, CurveEnds> {
  const out: Record<string, CurveEnds> = {};
  for (const c of RL_CURVES) {
    const p = c.points(r);
    const at = (q: [number, number] | undefined) => (q ? { step: q[0], value: q[1] } : null);
    out[c.key] = { first: at(p[0]), last: at(p.at(-1)) };
  }
  return out;
}
