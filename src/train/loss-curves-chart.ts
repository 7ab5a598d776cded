// The training curves as one standalone SVG: CE loss, UL loss and the mean token entropy of the CE
// and UL subsets per step, all in nats on one axis. Steps where a quantity is undefined (no UL
// sequences under sft / oxa-mle) simply have no point.
import { seriesOf, stepCurvesChart } from "../report/step-curves-chart.ts";

export interface StepMetrics {
  step: number;
  ce_loss: number | null;
  ul_loss: number | null;
  entropy_ce: number | null;
  entropy_ul: number | null;
}

const SERIES = [
  ["ce_loss", "CE loss"],
  ["ul_loss", "UL loss (unweighted)"],
  ["entropy_ce", "entropy, CE subset"],
  ["entropy_ul", "entropy, UL subset"],
] as const;

export function lossCurvesChart(rows: readonly StepMetrics[], title: string): string {
  return stepCurvesChart(seriesOf(rows, SERIES), { title, yLabel: "nats" });
}
