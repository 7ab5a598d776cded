// One model's figures on the world benchmark of one evaluation: what results.json holds per arm and
// per seed, and what the seed summary averages.
import type { EvalResults } from "../eval/index.ts";
import type { ArmData } from "./arm-data.ts";
import type { StyleCounts } from "./written-styles.ts";
import type { LevelCounts } from "./level-pass.ts";

export interface ArmSummary {
  "pass@1": number;
  /** SE over the problems of this one evaluation (not across seeds). */
  "pass@1_se": number | null;
  "pass@k": number;
  k: number;
  entropy: number | null;
  mean_length: number | null;
  data?: ArmData;
  /** The teacher style each sample is written in, with its correct samples (written-styles.ts). */
  written?: StyleCounts;
  /** Samples and correct samples per problem level (level-pass.ts). */
  levels?: LevelCounts;
}

/** One model's figures on the world benchmark of an eval's results. */
export function armSummary(results: EvalResults, label: string): ArmSummary {
  const b = results.models[label].benchmarks.world;
  return { "pass@1": b["pass@1"], "pass@1_se": b["pass@1_se"], "pass@k": b[`pass@${b.k}`], k: b.k, entropy: b.entropy, mean_length: b.mean_length };
}
