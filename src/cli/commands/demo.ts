// `oxa demo`: the whole OXA experiment on the built-in world, no downloads, no GPU needed.
import { z } from "zod";
import { defineCommand } from "../../command/command.ts";
import { runDemo, type DemoOutcome } from "../../demo/run-demo.ts";
import { ARMS } from "../../demo/demo-pipeline.ts";

const schema = z.object({
  out: z.string().default("runs/demo").describe("output directory: results.json, report.html, table.md, pipeline.yaml, and the pipeline's run directory"),
  preset: z.enum(["tiny", "default"]).default("default").describe("tiny: a few minutes, proves the machinery (CI); default: large enough for the arms to differ"),
  seed: z.number().int().default(0).describe("seed of the world, the models and every sampling step"),
});

const pct = (x: number | null | undefined) => (x === null || x === undefined ? "-" : (100 * x).toFixed(1));

function format(r: DemoOutcome): string {
  const k = r.base.k;
  const rows = [["arm", "pass@1", `pass@${k}`, "entropy", "length", "CE", "UL", "mean PPL (CE)"]];
  const line = (name: string, s: DemoOutcome["base"]) =>
    rows.push([name, `${pct(s["pass@1"])} ± ${pct(s["pass@1_se"])}`, pct(s["pass@k"]), s.entropy?.toFixed(3) ?? "-", s.mean_length?.toFixed(0) ?? "-", String(s.data?.ce ?? "-"), String(s.data?.ul ?? "-"), s.data ? s.data.mean_ppl_ce.toFixed(2) : "-"]);
  line("base", r.base);
  for (const a of ARMS) line(a, r.arms[a]);
  const w = rows[0].map((_, i) => Math.max(...rows.map((x) => x[i].length)));
  const text = rows.map((x) => x.map((c, i) => c.padEnd(w[i])).join("  ")).join("\n");
  return `${text}\n\nresults: ${r.results}\nreport:  ${r.report}\n(${r.seconds.toFixed(0)} s)\n`;
}

export const demoCommand = defineCommand({
  name: "demo",
  summary: "run the whole OXA experiment on the built-in world (SFT, SFT_LP, OXA_MLE, OXA_Full)",
  description: `Builds a seeded world of math word problems with teacher traces in a common and in rarer
styles, pretrains a tiny Qwen2 base on the common style, verifies and scores the teacher traces,
selects N traces per arm (random, lowest PPL, Gaussian-guided PPL), mines high-confidence errors
from an instruction-following model's rollouts, fine-tunes the four arms on equal budgets and
evaluates them on held-out problems. Rerunning skips finished stages; a killed demo resumes.`,
  examples: ["oxa demo", "oxa demo --preset tiny --out runs/demo-tiny", "oxa demo --seed 1 --out runs/demo-s1 --json"],
  schema,
  async run(c, ctx) {
    const { commands } = await import("./index.ts");
    return runDemo(c, ctx, commands);
  },
  format,
});
