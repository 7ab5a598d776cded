// Scoring responses under a model: the `score` stage and the row-wise engine runner `sample` shares.
export { runFacts, runStagedJob, type RunFacts, type StagedJob, type StagedJobResult } from "./run-staged-job.ts";
export { scoreConfig, rejectFlags, rejectsPath, rowJobFiles, type ScoreConfig } from "./score-config.ts";
export { scoreFile, type ScoreSummary } from "./score-file.ts";
export { type RowStage } from "./staged-rows.ts";
export { scoreRowSchema, SCORE_FIELDS } from "./score-file.ts";
