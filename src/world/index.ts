// The built-in world: seeded math word problems with exact answers, a teacher writing correct
// chains of thought in several styles, and the files a demo needs.
export { writeWorld, WORLD_FILES, type WorldSummary } from "./write-world.ts";
export { STYLE_IDS, DEFAULT_STYLE_WEIGHTS, teach, type StyleId } from "./teacher.ts";
export { styleOf, type WrittenStyle } from "./style-of.ts";
export { generateProblem } from "./generate-problem.ts";
export type { WorldConfig } from "./world-config.ts";
export type { TrainRecord, TestRecord, PretrainRecord } from "./world-records.ts";
export { MIN_LEVEL, MAX_LEVEL } from "./difficulty.ts";
export { WORLD_VARIANTS, DEFAULT_WORLD_VARIANT, WORLD_VARIANT_SUMMARY, worldVariantDefaults, type WorldVariant } from "./variants.ts";
export { runWorldStage, worldStageConfig, type WorldStageConfig } from "./world-stage-config.ts";
export { createRng, type Rng } from "../common/random.ts"; // the world draws with the project's one generator
