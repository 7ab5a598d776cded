// The pipeline runner: YAML stages run in-process through the command table, with manifests,
// content-hash caching and resume.
export { JobSlots, withJobSlots } from "./job-slots.ts";
export { runPipeline, type RunOptions, type RunReport, type StageReport, type StageStatus } from "./run-pipeline.ts";
export { formatSummary } from "./summary.ts";
export { loadPipeline, pipelineSchema, type Pipeline, type Stage } from "./pipeline-file.ts";
export { manifestSchema, manifestPath, type Manifest } from "./manifest.ts";
export { hashFile, hashPath } from "../common/content-hash.ts";
