// Sampling n responses per prompt from a model: the `sample` stage.
export { sampleFile, type EngineSampleOptions, type SampleRun, type SampleSummary } from "./sample-file.ts";
