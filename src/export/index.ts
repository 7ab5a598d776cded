// Exports for other RL frameworks: verl's RL parquet, its train/test split and a launch script;
// OpenRLHF's prompt/label JSONL.
export { exportConfig, EXPORT_TARGETS, type ExportConfig } from "./export-config.ts";
export { runExportVerl, exportVerlFiles, dataSourceOf, REWARD_MODULE, type ExportVerlResult } from "./run-export-verl.ts";
export { launchScript, launchKeys, shellQuote, type LaunchSettings } from "./verl-launch-script.ts";
export { VERL_GRPO, REWARD_URL_ENV } from "./verl-grpo.ts";
export { verlParquet } from "./verl-parquet.ts";
export { splitRows, testCountOf } from "./split-rows.ts";
export { verlItem, verlRow, type VerlRow, type VerlItem, type ChatMessage } from "./verl-row.ts";
export { runExportOpenRlhf, exportOpenRlhfFiles, type ExportOpenRlhfResult } from "./run-export-openrlhf.ts";
export { readExportItems } from "./run-export-verl.ts";
