// `oxa rl`: GRPO on the engine with the verifier as reward (docs/rl.md).
export { runRl, rlSizes, type RlResult, type RlPorts } from "./run-rl.ts";
export { rlConfig, type RlConfig } from "./rl-config.ts";
export { RL_PRESETS, type RlPreset, type RlSizes } from "./rl-presets.ts";
export { rlCurvesChart, rlPanel, RL_PANEL, RL_CURVE_POINTS, type RlCurve, type RlCurvePoints, type PanelLine } from "./rl-curves-chart.ts";
export { readPromptSet, type RlPrompt } from "./prompt-set.ts";
export { composeStepSchedule } from "./step-schedule.ts";
export { rolloutReward, wellFormed, type Overlong, type RewardRule } from "./rollout-reward.ts";
export { runRlReport, type RlReportResult } from "./run-rl-report.ts";
export { rlReportConfig, rlReportSvgPath, type RlReportConfig } from "./rl-report-config.ts";
export { rlReportHtml, rlReportChartIds, rlCurveChart } from "./rl-report-page.ts";
export { RL_CURVES, curveEnds, type CurveEnds, type RlCurveSpec } from "./rl-report-metrics.ts";
export { readRlRunMetrics, type RlRunMetrics } from "./rl-run-metrics.ts";
