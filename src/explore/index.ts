// Self-Explore's data side: step splitting, the first-pit search through the generation backend,
// the RFT set, and step-level / outcome-level preference pairs (`oxa rft`, `oxa explore`, `oxa pairs`).
export { splitSteps, stepBody, chooseStyle, splitOptionsSchema, SPLIT_DEFAULTS, STEP_STYLES, type Split, type SplitOptions, type StepStyle } from "./split-steps.ts";
export { firstPitSearch, isPit, prefixOf, judgedText, type Rationale, type StepRecord, type Completion, type SearchPorts, type SearchOptions, type SearchResult } from "./first-pit-search.ts";
export { exploreConfig, type ExploreConfig } from "./explore-config.ts";
export { runExplore, type ExploreSummary, type ExplorePorts } from "./run-explore.ts";
export { rftConfig, type RftConfig } from "./rft-config.ts";
export { runRft, type RftSummary } from "./run-rft.ts";
export { pickRft, type RftCandidate, type RftPick } from "./pick-rft.ts";
export { jaccard, normaliseRationale, tokenSet } from "./near-duplicate.ts";
export { readSelfSamples, questionId, selfSampleFlags, type SelfSample, type SampleFields } from "./self-samples.ts";
export { pairsConfig, type PairsConfig } from "./pairs-config.ts";
export { runPairs, messagesForm, type PairsSummary } from "./run-pairs.ts";
export { buildPairs, type Pair, type PairCounts, type PairKinds } from "./build-pairs.ts";
export { exploredRow, rftRow, type ExploredRow, type RftRow } from "./pair-inputs.ts";
export { pitChart } from "./pit-chart.ts";
export { rftRowSchema } from "./rft-row-schema.ts";
export { pairRowSchema } from "./pair-row-schema.ts";
export { exploreRowSchema } from "./explore-row-schema.ts";
