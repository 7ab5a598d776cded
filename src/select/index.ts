// Public surface of selection: the `select` stage, its config, and the pool reader and writer that
// mining shares. Tests reach the pure pieces (bins, targets, fill) through their own files.
export { runSelect, type SelectRun, type SelectResult } from "./run-select.ts";
export { selectConfig, type SelectConfig } from "./select-config.ts";
export { STRATEGIES, type Strategy } from "./select-candidates.ts";
export { poolFieldFlags, poolFieldsOf } from "./pool-field-flags.ts";
export { readPool, type PoolSummary } from "./read-pool.ts";
export { type PoolFields } from "./row-facts.ts";
export { duplicateNote, type DuplicateReport } from "./drop-duplicates.ts";
export { writeChosen, besideOut, portableSummary } from "./write-chosen.ts";
export { chosenRowSchema } from "./chosen-row-schema.ts";
