// Statistics for the study: mean ± SE across seeds and the paired bootstrap of an arm against SFT
// over problems. Pure functions over numbers; the caller reads details files and seeds.
export { seedSummary, type SeedSummary } from "./seed-summary.ts";
export { percentileSorted } from "./percentile.ts";
export { pairPerProblemPass, type ProblemOutcome, type PairedPass } from "./per-problem-pass.ts";
export { pairedBootstrap, bootstrapReplicates, type PairedBootstrapOptions, type PairedBootstrapResult } from "./paired-bootstrap.ts";
