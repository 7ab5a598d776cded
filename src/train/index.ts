// The trainer's TypeScript side: batch composition and the `train` stage.
export { batchesPerEpoch, composeSchedule, type ScheduleOptions, type ScheduledBatch } from "./batch-schedule.ts";
export { lossCurvesChart, type StepMetrics } from "./loss-curves-chart.ts";
export { MODES, runTrain, type Mode, type TrainResult, type TrainRun } from "./run-train.ts";
