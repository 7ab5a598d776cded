// DPO's TypeScript side: the `dpo` stage (pairs, schedule, reference log-probs, training, curves).
export { dpoConfig, type DpoConfig } from "./dpo-config.ts";
export { runDpo, type DpoPorts, type DpoResult } from "./run-dpo.ts";
export { pairRecord, type PairRecord } from "./pairs-file.ts";
export { dpoCurvesChart } from "./dpo-curves-chart.ts";
