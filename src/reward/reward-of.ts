// A verdict as a reward: 1 for a correct answer, 0 otherwise, with the verdict's name and reason.
// Undecided, timed-out and unreadable responses all score 0; the verdict says which.
import type { Verdict } from "../verify/index.ts";

export interface RewardResult {
  score: number;
  /** correct | incorrect | no_think | invalid, or the verifier's status when it could not decide (timeout, undecided, pred_unparsed, gold_unparsed, error). */
  verdict: string;
  reason: string;
  predicted: string | null;
}

export function rewardOf(v: Verdict): RewardResult {
  const verdict = v.correct ? "correct" : v.status === "ok" ? "incorrect" : v.status;
  return { score: v.correct ? 1 : 0, verdict, reason: v.reason, predicted: v.predicted };
}

/** The paper's rule: the answer is read after the last </think>, and a response without one earns 0. */
export function withoutThinkReward(): RewardResult {
  return { score: 0, verdict: "no_think", reason: "no </think> in the response (the reward reads only the text after the last </think>)", predicted: null };
}

export function invalidReward(reason: string): RewardResult {
  return { score: 0, verdict: "invalid", reason, predicted: null };
}
