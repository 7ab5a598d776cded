// Scoring responses under a model: the `score` stage and its pieces.
export { assertModelDir } from "./assert-model-dir.ts";
export { scoreFile, type EngineScoreOptions, type ScoreRun, type ScoreSummary } from "./score-file.ts";
export { parseScoreRow, type ScoreFields, type ScoreRow, type Shape } from "./score-row.ts";
