// The shape of the OXA demo's results.json: per world variant, every seed's figures, their summary
// across seeds and each arm's paired comparison with SFT. Paths are relative to --out, so two runs
// of the same command in different directories write the same file (apart from timings).
import type { ArmComparison } from "./arm-comparison.ts";
import type { RlArmSummary } from "./rl-results.ts";
import type { ModelSeedSummary, SeedRun } from "./seed-aggregate.ts";
import type { SelectionWindow } from "./selection-window.ts";
import type { WorldVariant } from "./world-variant.ts";

export interface StageCounts {
  ran: number;
  cached: number;
}

export interface VariantResults {
  variant: WorldVariant;
  /** The variant's folder relative to --out: "." when the run has one variant. */
  dir: string;
  window: SelectionWindow;
  /** Every seed's evaluation, in the seeds' order. */
  seeds: SeedRun[];
  /** Mean ± SE across seeds, by model ("base" and the arms). */
  summary: Record<string, ModelSeedSummary>;
  /** Each arm against SFT over the problems, seeds pooled (arm-comparison.ts). */
  comparisons: Record<string, ArmComparison>;
  stages: StageCounts;
  /** The RL stage, when the preset has one: by run seed, each arm's start and end (rl-results.ts). */
  rl?: Record<string, Record<string, RlArmSummary>>;
  /** With an RL stage: the arms evaluated after GRPO (stage eval-rl), in the shape of the fields above. */
  afterRl?: AfterRl;
}

/** The arms after GRPO, as `seeds`, `summary` and `comparisons` are before it; the base is the same model, its figures copied. */
export interface AfterRl {
  seeds: SeedRun[];
  summary: Record<string, ModelSeedSummary>;
  comparisons: Record<string, ArmComparison>;
}

export interface DemoOutcome {
  preset: string;
  /** Seed of the world, the base model and the scored pool, fixed across the run seeds. */
  worldSeed: number;
  /** Run seeds: fine-tuning, selection, rollout sampling and evaluation. */
  seeds: number[];
  variants: Partial<Record<WorldVariant, VariantResults>>;
  /** The files a person opens, relative to --out. */
  files: { results: string; report: string; table: string; seedsReport: string; seedsSvg: string; seedsTable: string; rlSvg?: string; rlPass1Svg?: string };
  seconds: number;
  stages: StageCounts;
}
