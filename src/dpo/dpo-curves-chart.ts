// The DPO curves as one standalone SVG: loss and the reward margin per step (with the chosen and
// rejected rewards whose difference it is), on one axis that spans negative values too.
import { seriesOf, stepCurvesChart } from "../report/step-curves-chart.ts";
import type { DpoMetricsRow } from "../engine/jobs/dpo.ts";

const SERIES = [
  ["loss", "loss"],
  ["rewards/margins", "reward margin"],
  ["rewards/chosen", "reward, chosen"],
  ["rewards/rejected", "reward, rejected"],
] as const;

export function dpoCurvesChart(rows: readonly DpoMetricsRow[], title: string): string {
  return stepCurvesChart(seriesOf(rows, SERIES), { title, yLabel: "loss / reward (nats x beta)" });
}
