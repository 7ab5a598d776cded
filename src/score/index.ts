// Scoring responses under a model: the `score` stage and its pieces (also used by `sample`).
export { assertModelDir } from "./assert-model-dir.ts";
export { runFacts, runStagedJob, type RunFacts, type StagedJob, type StagedJobResult } from "./run-staged-job.ts";
export { scoreFile, type EngineScoreOptions, type ScoreRun, type ScoreSummary } from "./score-file.ts";
export { parseScoreRow, type ScoreFields, type ScoreRow, type Shape } from "./score-row.ts";
export { mergeRows, stageRows, type RowStage, type Staged } from "./staged-rows.ts";
