// Evaluation: Pass@k, entropy, lengths, difficulty buckets and comparison tables (oxa eval).
export { passAtK, curveKs } from "./pass-at-k.ts";
export { summarize, tokenWeightedEntropy, type BenchSummary } from "./summarize.ts";
export { bucketEdges, bucketGains, type Bucket, type BucketRow } from "./buckets.ts";
export { readDetails, problemDetail, type ProblemDetail } from "./problem-detail.ts";
export { detailsRowSchema } from "./details-row-schema.ts";
export { loadBenchmark, parseLabelled, type Benchmark, type Problem } from "./benchmark.ts";
export { runEval, type EvalConfig, type EvalDeps, type EvalOutcome } from "./run-eval.ts";
export { verifierGrader } from "./verifier-grader.ts";
export type { Grader } from "./grade-samples.ts";
export { readResults } from "./read-results.ts";
export { findComplete, type CacheEntry } from "./sample-cache.ts";
export type { EvalResults, ModelResult, BenchResult, AverageSummary } from "./results.ts";
export { wideTable, longTable, bucketTable } from "./comparison-table.ts";
export { evalConfig, type EvalCommandConfig } from "./eval-config.ts";
export { runEvalStage } from "./eval-stage.ts";
