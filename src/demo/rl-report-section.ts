// The demo report's RL section: validation Pass@1, policy entropy and mean training reward over the
// GRPO steps, one chart per curve with one line per arm on shared axes (the curves and charts of
// `oxa rl-report`, not a copy), and a table of each arm's start and end; plus the four-panel SVG
// of `oxa rl`'s curves.svg with every arm, for a README.
import { esc } from "../report/html-axes.ts";
import { htmlTable } from "../report/html-page.ts";
import { RL_CURVES, rlCurveChart, rlCurvesChart, type RlRunMetrics } from "../rl/index.ts";
import { DEMO_RL_CURVES, rlArmSummary } from "./rl-results.ts";

/** The curve specs drawn, with ids of their own: the eval page the section joins has an "entropy" chart too. */
const curves = DEMO_RL_CURVES.map((k) => ({ ...RL_CURVES.find((c) => c.key === k)!, key: `rl-${k}` }));

/** Chart ids of the section, in order (the browser test checks each is drawn). */
export const rlSectionChartIds = (): string[] => curves.map((c) => c.key);

const num = (v: number | undefined, pct: boolean) => (v === undefined ? "-" : pct ? `${(100 * v).toFixed(1)}%` : v.toFixed(3));

/**
 * The section's HTML. `before` names the page's models that come before the arms and have no RL run
 * (the eval's "base"): they are drawn as empty series so every arm keeps the colour the eval's
 * charts give it.
 */
export function rlReportSection(runs: readonly RlRunMetrics[], before: readonly string[] = []): string[] {
  const drawn = [...before.map((name): RlRunMetrics => ({ name, dir: "", steps: [], validation: [] })), ...runs];
  const rows = runs.map((r) => {
    const s = rlArmSummary(r);
    const ends = (k: (typeof DEMO_RL_CURVES)[number]) => {
      const { first, last } = s.curves[k];
      return [num(first?.value, k === "pass_at_1"), num(last?.value, k === "pass_at_1")];
    };
    return [r.name, String(s.steps), ...ends("pass_at_1"), ...ends("entropy"), ...ends("reward_mean")];
  });
  const table = {
    headers: ["arm", "steps", "Pass@1 start", "Pass@1 end", "entropy first", "entropy last", "reward first", "reward last"],
    right: [false, true, true, true, true, true, true, true],
    rows,
  };
  return [
    `<h2>RL stage: GRPO from each arm</h2>`,
    `<p class="note">${esc(`Each fine-tuned arm continues with the same short GRPO run (oxa rl; the verifier as reward). Pass@1: greedy, on the held-out problems, step 0 = the arm before RL. Entropy and reward: per step, over the step's training rollouts.${before.length ? ` No RL run: ${before.join(", ")}.` : ""}`)}</p>`,
    `<div class="grid">${curves.map((c) => rlCurveChart(c, drawn)).join("\n")}</div>`,
    htmlTable(table),
  ];
}

/** The four panels of `oxa rl`'s curves.svg (reward, Pass@1, entropy, KL) with one colour per arm. */
export const rlArmsSvg = (runs: readonly RlRunMetrics[], title: string): string => rlCurvesChart(runs, title);
