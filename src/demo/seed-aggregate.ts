// Mean ± SE across seeds of each model's Pass@1, Pass@k, entropy and mean length: the study
// table's cells. A figure some seed lacks (entropy of a model that wrote nothing) has no summary
// rather than a mean over fewer seeds, which would compare unlike things.
import { seedSummary, type SeedSummary } from "../stats/index.ts";
import type { ArmSummary } from "./arm-summary.ts";

/** One seed's evaluation: every arm and the base. */
export interface SeedRun {
  seed: number;
  arms: Record<string, ArmSummary>;
  base: ArmSummary;
}

export const SEED_METRICS = ["pass@1", "pass@k", "entropy", "mean_length"] as const;
export type SeedMetric = (typeof SEED_METRICS)[number];

/** Per metric: its summary across seeds, null where a seed has no value. */
export type ModelSeedSummary = Record<SeedMetric, SeedSummary | null>;

const of = (run: SeedRun, label: string): ArmSummary => {
  const s = label === "base" ? run.base : run.arms[label];
  if (!s) throw new RangeError(`seed ${run.seed} has no model "${label}"`);
  return s;
};

/** Summaries of `labels` (arms and "base") over the runs, by label then metric. */
export function summarizeSeeds(runs: readonly SeedRun[], labels: readonly string[]): Record<string, ModelSeedSummary> {
  if (runs.length === 0) throw new RangeError("summarizeSeeds: no seeds");
  const out: Record<string, ModelSeedSummary> = {};
  for (const label of labels) {
    const row = {} as ModelSeedSummary;
    for (const m of SEED_METRICS) {
      const values = runs.map((r) => of(r, label)[m]);
      row[m] = values.every((v): v is number => typeof v === "number") ? seedSummary(values) : null;
    }
    out[label] = row;
  }
  return out;
}
