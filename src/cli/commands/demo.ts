// `oxa demo`: the whole OXA or Self-Explore experiment on the built-in world, no downloads, no GPU needed.
import { defineCommand } from "../../command/command.ts";
import { demoConfig } from "../../demo/demo-config.ts";
import { runDemo, type ArmSummary, type DemoOutcome } from "../../demo/run-demo.ts";
import { runSelfExplore, type SelfExploreOutcome } from "../../demo/run-self-explore.ts";
import { SE_ARMS } from "../../demo/self-explore-pipeline.ts";
import { comparisonTable, levelTable, styleTable, summaryTable } from "../../demo/study-table.ts";
import { renderText } from "../../report/table.ts";
import { UsageError } from "../../io/errors.ts";
import { formatRlSummary } from "../../demo/rl-results.ts";

const pct = (x: number | null | undefined) => (x === null || x === undefined ? "-" : (100 * x).toFixed(1));

type Row = ArmSummary;

/** A fixed-width table: one line per model, the arm-specific columns after the shared ones. */
function table(k: number, extra: string[], lines: [string, Row, string[]][]): string {
  const rows = [["arm", "pass@1", `pass@${k}`, "entropy", "length", ...extra]];
  for (const [name, s, more] of lines) rows.push([name, `${pct(s["pass@1"])} ± ${pct(s["pass@1_se"])}`, pct(s["pass@k"]), s.entropy?.toFixed(3) ?? "-", s.mean_length?.toFixed(0) ?? "-", ...more]);
  const w = rows[0].map((_, i) => Math.max(...rows.map((x) => x[i].length)));
  return rows.map((x) => x.map((c, i) => c.padEnd(w[i])).join("  ")).join("\n");
}

/** Each variant's RL lines (seed by seed) when the run had an RL stage. */
function formatRl(r: DemoOutcome): string {
  const parts = Object.entries(r.variants).flatMap(([variant, v]) =>
    Object.entries(v?.rl ?? {}).map(([seed, arms]) => `RL stage, ${variant} world, seed ${seed}\n${formatRlSummary(arms)}`),
  );
  return parts.length ? `\n\n${parts.join("\n\n")}` : "";
}

function formatOxa(r: DemoOutcome): string {
  return (
    `seeds ${r.seeds.join(", ")} (world seed ${r.worldSeed}); mean ± SE across seeds\n${renderText(summaryTable(r))}` +
    `\neach arm against SFT (paired bootstrap over problems, seeds pooled)\n${renderText(comparisonTable(r))}` +
    `\nthe teacher styles the models write: share of samples · their Pass@1 (%), seeds pooled\n${renderText(styleTable(r))}` +
    `\nPass@1 per problem level (%, seeds pooled)\n${renderText(levelTable(r))}` +
    `\nseeds report: ${r.files.seedsReport}  picture: ${r.files.seedsSvg}  (under --out)` +
    formatRl(r)
  );
}

function formatSelfExplore(r: SelfExploreOutcome): string {
  const d = r.data;
  const pits = Object.entries(d.explore.pits).map(([s, n]) => `${s}: ${n}`).join(", ") || "none";
  return (
    table(r.base.k, [], [["base", r.base, []], ...SE_ARMS.map((a): [string, Row, string[]] => [a, r.arms[a], []])]) +
    `\n\nRFT set: ${d.rft.kept} of ${d.rft.correct} correct samples (${d.rft.samples} sampled, ${d.rft.solved}/${d.rft.problems} problems solved)` +
    `\nexplore: first pit at step ${pits}; no pit ${d.explore.noPit}; ${d.explore.completions.generated} completions (${d.explore.completionsPerSecond.toFixed(1)}/s)` +
    `\npairs: ${d.pairs.step} step, ${d.pairs.outcome} outcome`
  );
}

function format(r: DemoOutcome | SelfExploreOutcome): string {
  const files = "method" in r ? { results: r.results, report: r.report } : r.files;
  const text = "method" in r ? formatSelfExplore(r) : formatOxa(r);
  return `${text}\n\nresults: ${files.results}\nreport:  ${files.report}\n(${r.seconds.toFixed(0)} s)\n`;
}

export const demoCommand = defineCommand({
  name: "demo",
  summary: "run the whole OXA (SFT, SFT_LP, OXA_MLE, OXA_Full) or Self-Explore experiment on the built-in world",
  description: `Builds a seeded world of math word problems with teacher traces in a common and in rarer
styles, pretrains a tiny Qwen2 base on the common style, verifies and scores the teacher traces,
selects N traces per arm (random, lowest PPL, Gaussian-guided PPL), mines high-confidence errors
from an instruction-following model's rollouts, fine-tunes the four arms on equal budgets and
evaluates them on held-out problems. --method self-explore instead samples from the SFT model,
trains an RFT model, explores the wrong samples for their first pit, and trains step-DPO and
outcome-DPO from the RFT model (docs/self-explore.md). Rerunning skips finished stages; a killed
demo resumes; both methods share the world, the base and the SFT arm in <out>/pipeline.
--seeds runs every arm once per run seed with world and base fixed (the shared stages run once),
and reports mean ± SE across seeds and each arm's paired bootstrap against SFT (docs/demo.md).
--jobs N runs up to N stages at once (seeds and worlds are independent branches): on a machine with
N cores it cuts a multi-seed run's time by up to N with the same numbers.`,
  examples: [
    "oxa demo",
    "oxa demo --preset tiny --out runs/demo-tiny",
    "oxa demo --seeds 3 --out runs/demo",
    "oxa demo --seeds 0,1,2 --variant premise --out runs/premise",
    "oxa demo --preset study --jobs 2 --out runs/study",
    "oxa demo --rl-steps 8 --out runs/demo-rl",
    "oxa demo --method self-explore",
    "oxa demo --seed 1 --out runs/demo-s1 --json",
  ],
  schema: demoConfig,
  async run(c, ctx) {
    if (c.method === "self-explore" && c.rlSteps) throw new UsageError("--rl-steps is for --method oxa (the Self-Explore demo has no RL stage yet)");
    const { commands } = await import("./index.ts");
    return c.method === "self-explore" ? runSelfExplore(c, ctx, commands) : runDemo(c, ctx, commands);
  },
  format,
});
