// The demo's seeds report: Pass@1 per arm and world with every seed's dot and ± SE, the summary
// table and the comparisons with SFT, in one self-contained page (seeds.html); the chart also as
// its own SVG (pass1-seeds.svg) for a README.
import { htmlPage, htmlTable } from "../report/html-page.ts";
import { seedPointsFigure, type SeedPointsSpec } from "../report/seed-points-chart.ts";
import { COMPARISON } from "./arm-comparison.ts";
import { ARMS } from "./demo-pipeline.ts";
import type { DemoOutcome, VariantResults } from "./study-results.ts";
import { afterRlOutcome, comparisonTable, levelTable, styleTable, summaryTable } from "./study-table.ts";

/** Pass@1 (%) of the base and every arm, one group per world variant, one dot per seed. */
export function pass1Chart(r: DemoOutcome): SeedPointsSpec {
  const models = ["base", ...ARMS];
  const groups = Object.values(r.variants)
    .filter((v): v is VariantResults => v !== undefined)
    .map((v) => ({
      name: v.variant,
      points: models.map((m) => {
        const s = v.summary[m]["pass@1"]!;
        return {
          category: m,
          values: v.seeds.map((run) => 100 * (m === "base" ? run.base : run.arms[m])["pass@1"]),
          mean: 100 * s.mean,
          se: s.se === null ? null : 100 * s.se,
        };
      }),
    }));
  return { title: `Pass@1 per arm: each seed's dot, mean and ± 1 SE across ${r.seeds.length} seed${r.seeds.length > 1 ? "s" : ""}`, yLabel: "Pass@1 (%)", categories: models, groups };
}

/**
 * What the models write and where they are right: the teacher style of every evaluated sample (which
 * styles an arm learned to write and which pay off), and Pass@1 per problem level. `when` prefixes
 * the headings ("After GRPO: ").
 */
function breakdownSections(r: DemoOutcome, when: string): string[] {
  const styles = styleTable(r);
  const levels = levelTable(r);
  return [
    ...(styles.rows.length
      ? [
          `<h2>${when}The styles the models write</h2>`,
          `<p class="note">Each cell: the share of the model's evaluation samples written in that teacher style (judged by the opening line of the reasoning; "other": none) · the Pass@1 of those samples, both in percent, seeds pooled.</p>`,
          htmlTable(styles),
        ]
      : []),
    ...(levels.rows.length
      ? [`<h2>${when}Pass@1 per problem level</h2>`, `<p class="note">Percent, each model's samples on the problems of that level (its number of operations) pooled over the seeds; the header counts the problems.</p>`, htmlTable(levels)]
      : []),
  ];
}

/** The arms evaluated after GRPO (stage eval-rl), drawn and tabulated as before RL. */
function afterRlSections(r: DemoOutcome): string[] {
  const after = afterRlOutcome(r);
  if (!after) return [];
  return [
    `<h2>After GRPO: Pass@1 per seed</h2>`,
    `<p class="note">Each arm's model after its GRPO run, evaluated as before RL (same problems, samples per problem, temperature and length cap). The base is not trained by RL: its figures are those before.</p>`,
    `<div style="max-width:760px">${seedPointsFigure("pass1-seeds-rl", pass1Chart(after), "Dots: one seed each. Bar: mean across seeds. Whisker: ± one standard error across seeds.")}</div>`,
    `<h2>After GRPO: mean ± SE across seeds</h2>`,
    htmlTable(summaryTable(after)),
    `<h2>After GRPO: each arm against ${COMPARISON.reference}</h2>`,
    htmlTable(comparisonTable(after)),
    ...breakdownSections(after, "After GRPO: "),
  ];
}

/** The page; `rlSvg` (the study's RL picture, when the preset has an RL stage) goes under the tables. */
export function studyPage(r: DemoOutcome, rlSvg?: string): string {
  const vs = Object.keys(r.variants).join(", ");
  return htmlPage({
    title: "oxa demo: arms across seeds",
    subtitle: "World and base model fixed by the world seed; fine-tuning, selection, rollouts and evaluation seeded by each run seed.",
    meta: [
      ["preset", r.preset],
      ["world seed", String(r.worldSeed)],
      ["run seeds", r.seeds.join(", ")],
      ["worlds", vs],
      ["wall time", `${r.seconds.toFixed(0)} s`],
    ],
    sections: [
      `<h2>Pass@1 per seed</h2>`,
      // At the chart's own size (about 1.5×), not the page's width: a few dots do not need a screen.
      `<div style="max-width:760px">${seedPointsFigure("pass1-seeds", pass1Chart(r), "Dots: one seed each. Bar: mean across seeds. Whisker: ± one standard error across seeds (none with one seed).")}</div>`,
      `<h2>Mean ± SE across seeds</h2>`,
      htmlTable(summaryTable(r)),
      `<h2>Each arm against ${COMPARISON.reference}</h2>`,
      `<p class="note">Paired bootstrap over the held-out problems (${COMPARISON.b} replicates; each problem's samples pooled over the seeds), percentile interval; "share Δ ≤ 0" is the share of replicates that show no gain.</p>`,
      htmlTable(comparisonTable(r)),
      ...breakdownSections(r, ""),
      ...(rlSvg
        ? [
            `<h2>The RL stage: GRPO from each fine-tuned arm</h2>`,
            `<p class="note">Over GRPO steps: held-out Pass@1 of the greedy answer (the RL run's validation; step 0 is the fine-tuned model); sampled Pass@1 and Pass@k from the evaluation before GRPO (step 0) and after it (the last step), the figures of the tables above and below; policy entropy and mean training reward. Bold: the mean across seeds; faint: each seed.</p>`,
            `<div style="overflow-x:auto">${rlSvg.replace(/^<svg /, '<svg id="rl-seeds" ')}</div>`,
          ]
        : []),
      ...afterRlSections(r),
    ],
  });
}
