// `oxa demo`: the whole OXA or Self-Explore experiment on the built-in world, no downloads, no GPU needed.
import { z } from "zod";
import { defineCommand } from "../../command/command.ts";
import { UsageError } from "../../io/errors.ts";
import { runDemo, type DemoOutcome } from "../../demo/run-demo.ts";
import { ARMS } from "../../demo/demo-pipeline.ts";
import { runSelfExplore, type SelfExploreOutcome } from "../../demo/run-self-explore.ts";
import { SE_ARMS } from "../../demo/self-explore-pipeline.ts";
import { formatRlSummary } from "../../demo/rl-results.ts";

const schema = z.object({
  out: z.string().default("runs/demo").describe("output directory: results.json, report.html, table.md, pipeline.yaml (Self-Explore: under self-explore/), and the run directory pipeline/ both methods share"),
  method: z.enum(["oxa", "self-explore"]).default("oxa").describe("oxa: SFT, SFT_LP, OXA_MLE, OXA_Full; self-explore: SFT, RFT, outcome-DPO, step-DPO (first-pit exploration)"),
  preset: z.enum(["tiny", "default"]).default("default").describe("tiny: a few minutes, proves the machinery (CI); default: large enough for the arms to differ"),
  seed: z.number().int().default(0).describe("seed of the world, the models and every sampling step"),
  rlSteps: z.number().int().min(0).optional().describe("oxa: GRPO steps of every fine-tuned arm after fine-tuning (0 = no RL stage; default: the preset's, none in tiny and default); see docs/rl.md, Demo"),
});

const pct = (x: number | null | undefined) => (x === null || x === undefined ? "-" : (100 * x).toFixed(1));

type Row = DemoOutcome["base"];

/** A fixed-width table: one line per model, the arm-specific columns after the shared ones. */
function table(k: number, extra: string[], lines: [string, Row, string[]][]): string {
  const rows = [["arm", "pass@1", `pass@${k}`, "entropy", "length", ...extra]];
  for (const [name, s, more] of lines) rows.push([name, `${pct(s["pass@1"])} ± ${pct(s["pass@1_se"])}`, pct(s["pass@k"]), s.entropy?.toFixed(3) ?? "-", s.mean_length?.toFixed(0) ?? "-", ...more]);
  const w = rows[0].map((_, i) => Math.max(...rows.map((x) => x[i].length)));
  return rows.map((x) => x.map((c, i) => c.padEnd(w[i])).join("  ")).join("\n");
}

function formatOxa(r: DemoOutcome): string {
  const data = (s: Row) => [String(s.data?.ce ?? "-"), String(s.data?.ul ?? "-"), s.data ? s.data.mean_ppl_ce.toFixed(2) : "-"];
  return table(r.base.k, ["CE", "UL", "mean PPL (CE)"], [["base", r.base, data(r.base)], ...ARMS.map((a): [string, Row, string[]] => [a, r.arms[a], data(r.arms[a])])]);
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
  const text = "method" in r ? formatSelfExplore(r) : formatOxa(r) + (r.rl ? `\n\n${formatRlSummary(r.rl)}` : "");
  return `${text}\n\nresults: ${r.results}\nreport:  ${r.report}\n(${r.seconds.toFixed(0)} s)\n`;
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
demo resumes; both methods share the world, the base and the SFT arm in <out>/pipeline.`,
  examples: ["oxa demo", "oxa demo --preset tiny --out runs/demo-tiny", "oxa demo --method self-explore", "oxa demo --seed 1 --out runs/demo-s1 --json"],
  schema,
  async run(c, ctx) {
    if (c.method === "self-explore" && c.rlSteps) throw new UsageError("--rl-steps is for --method oxa (the Self-Explore demo has no RL stage yet)");
    const { commands } = await import("./index.ts");
    return c.method === "self-explore" ? runSelfExplore(c, ctx, commands) : runDemo(c, ctx, commands);
  },
  format,
});
