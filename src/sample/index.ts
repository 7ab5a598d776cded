// Sampling n responses per prompt from a model: the `sample` stage.
export { sampleConfig, type SampleConfig } from "./sample-config.ts";
export { sampleFile, type SampleSummary } from "./sample-file.ts";
