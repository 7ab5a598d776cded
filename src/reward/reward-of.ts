// A verdict as a reward: 1 for a correct answer, 0 otherwise, with the verdict's name and reason.
// Undecided, timed-out and unreadable responses all score 0; the verdict says which.
import type { Verdict } from "../verify/index.ts";

export interface RewardResult {
  score: number;
  /** correct | incorrect | invalid, or the verifier's status when it could not decide (timeout, undecided, pred_unparsed, gold_unparsed, error). */
  verdict: string;
  reason: string;
  predicted: string | null;
}

export function rewardOf(v: Verdict): RewardResult {
  const verdict = v.correct ? "correct" : v.status === "ok" ? "incorrect" : v.status;
  return { score: v.correct ? 1 : 0, verdict, reason: v.reason, predicted: v.predicted };
}

export function invalidReward(reason: string): RewardResult {
  return { score: 0, verdict: "invalid", reason, predicted: null };
}
