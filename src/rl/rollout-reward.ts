// The reward of one rollout, and whether its tokens enter the loss. The engine only applies these.
//   reward = 1 if the verifier finds the response's answer equal to the gold answer, else 0
//          + formatReward if the response is well formed: a closing </think> followed by a \boxed{}
//   overlong (a rollout that hit max new tokens):
//     "zero-reward"  reward 0 (verl's and the paper's default: it found no answer in time)
//     "mask"         its verified reward stands for its group's statistics, but its tokens are left
//                    out of the loss (DAPO's overlong filtering)
//     "none"         treated like any other rollout
// Validation rollouts get the verdict alone (1/0), so their mean is Pass@1.
import type { RolloutRecord } from "../engine/jobs/rl.ts";

export type Overlong = "zero-reward" | "mask" | "none";

export interface RewardRule {
  formatReward: number;
  overlong: Overlong;
}

/** A closing </think> with a \boxed{...} after it. */
export function wellFormed(text: string): boolean {
  const end = text.lastIndexOf("</think>");
  return end >= 0 && text.indexOf("\\boxed{", end) >= 0;
}

export function rolloutReward(r: Pick<RolloutRecord, "text" | "finish_reason">, correct: boolean, rule: RewardRule): { reward: number; use: boolean } {
  const truncated = r.finish_reason === "length";
  if (truncated && rule.overlong === "zero-reward") return { reward: 0, use: true };
  const reward = (correct ? 1 : 0) + (rule.formatReward > 0 && wellFormed(r.text) ? rule.formatReward : 0);
  return { reward, use: !(truncated && rule.overlong === "mask") };
}
