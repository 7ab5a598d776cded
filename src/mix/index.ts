// Public surface of mixing CE and UL sets into training files.
export { runMix, type MixRun, type MixResult } from "./run-mix.ts";
export { REASONING_SUFFIX, buildPrompt } from "./reasoning-suffix.ts";
export { trainingRecord, toAlpaca, toMessages, type TrainingRecord, type LossType, type RecordFields } from "./training-record.ts";
export { AtomicJsonArrayWriter } from "./json-array-writer.ts";
export { mixConfig, type MixConfig } from "./mix-config.ts";
export { trainingRowSchema } from "./training-row-schema.ts";
