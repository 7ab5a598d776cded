// Public surface of mining high-confidence errors (the UL data of OXA_Full).
export { runMine, MINE_DEFAULTS, type MineRun, type MineResult } from "./run-mine.ts";
export { pickConfidentErrors, type PickOptions } from "./pick-confident-errors.ts";
export { mineConfig, type MineConfig } from "./mine-config.ts";
