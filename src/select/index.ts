// Public surface of selection: the stage, the pure pieces a pipeline or a test may call, and the
// pool reader that mining shares.
export { runSelect, type SelectRun, type SelectResult } from "./run-select.ts";
export { selectCandidates, checkSelectOptions, resolveRange, STRATEGIES, SELECT_DEFAULTS, type Strategy, type SelectOptions, type Selection } from "./select-candidates.ts";
export { binLayout, binIndex, binCenter, gaussianTargets, flatTargets, largestRemainder, type BinLayout } from "./bins.ts";
export { fillBins, type BinFill } from "./fill-bins.ts";
export { selectionStats, type SelectionStats } from "./selection-stats.ts";
export { selectionChart } from "./selection-chart.ts";
export { readPool, type PoolSummary, type ReadPoolOptions } from "./read-pool.ts";
export { exclusionOf, type CandidateRule, type Exclusion } from "./candidate-rules.ts";
export { CandidatePool, CORRECT, INCORRECT, FAILED, type PoolEntry } from "./pool.ts";
export { type PoolFields, type ResponseFacts } from "./row-facts.ts";
export { openRowReader, type RowReader } from "./row-reader.ts";
export { outputRecord } from "./output-record.ts";
export { writeChosen, besideOut, portableSummary } from "./write-chosen.ts";
export { poolFieldFlags, poolFieldsOf } from "./pool-field-flags.ts";
export { BinaryHeap } from "./binary-heap.ts";
export { createRandom, randomKey, shuffleInPlace } from "./seeded-random.ts";
