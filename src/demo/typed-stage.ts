// Pipeline stages built from each command's own typed config, so a misspelt option or a value of
// the wrong type is a compile error, not a failure at run time. Keys are written camelCase (the
// configs' own names) and serialised kebab-case, as a person writes a pipeline file.
import type { z } from "zod";
import { kebab } from "../common/casing.ts";
import { dpoConfig } from "../dpo/index.ts";
import { evalConfig } from "../eval/index.ts";
import { exploreConfig, pairsConfig, rftConfig } from "../explore/index.ts";
import { mineConfig } from "../mine/index.ts";
import { mixConfig } from "../mix/index.ts";
import { rlConfig } from "../rl/index.ts";
import { tinyModelConfig } from "../model/index.ts";
import { sampleConfig } from "../sample/index.ts";
import { scoreConfig } from "../score/index.ts";
import { selectConfig } from "../select/index.ts";
import { trainConfig } from "../train/index.ts";
import { verifyConfig } from "../verify/index.ts";
import { worldStageConfig } from "../world/index.ts";

/** The config schema of every command a demo pipeline uses, by command name. */
export const stageConfigs = {
  world: worldStageConfig,
  "make-tiny-model": tinyModelConfig,
  mix: mixConfig,
  train: trainConfig,
  verify: verifyConfig,
  score: scoreConfig,
  select: selectConfig,
  sample: sampleConfig,
  mine: mineConfig,
  eval: evalConfig,
  rft: rftConfig,
  explore: exploreConfig,
  pairs: pairsConfig,
  dpo: dpoConfig,
  rl: rlConfig,
} as const;

export type Uses = keyof typeof stageConfigs;
/** What a stage may set: the command's config input (defaults may be left out). */
export type StageOptions<U extends Uses> = z.input<(typeof stageConfigs)[U]>;

/** One stage of a pipeline file, as YAML-ready data. */
export interface PipelineStage {
  uses: Uses;
  description: string;
  with: Record<string, unknown>;
  "on-resume"?: Record<string, unknown>;
}

const kebabKeys = (o: object) => Object.fromEntries(Object.entries(o).map(([k, v]) => [kebab(k), v]));

export function stage<U extends Uses>(uses: U, description: string, options: StageOptions<U>, onResume?: Partial<StageOptions<U>>): PipelineStage {
  return { uses, description, with: kebabKeys(options), ...(onResume ? { "on-resume": kebabKeys(onResume) } : {}) };
}
