// The trainer's TypeScript side: modes, batch composition and the `train` stage.
export { batchesPerEpoch, composeSchedule, type ScheduleOptions, type ScheduledBatch } from "./batch-schedule.ts";
export { lossCurvesChart, type StepMetrics } from "./loss-curves-chart.ts";
export { MODES, lossMix, type Mode, type LossMix } from "./modes.ts";
export { trainConfig, type TrainConfig } from "./train-config.ts";
export { runTrain, type TrainPorts, type TrainResult } from "./run-train.ts";
export { checkResume, commitRunFiles, launchOptions, TRAIN_RESUME_FILES, type ResumeChanges, type ResumeFiles } from "./resume-check.ts";
