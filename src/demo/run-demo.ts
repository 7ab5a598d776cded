// `oxa demo`: the whole OXA experiment on the built-in world, in two runs of one pipeline.
// Phase one builds the world and the base model and scores the teacher traces; the Gaussian
// window is then read off the scored pool (selection-window.ts); phase two reruns the same
// pipeline with every later stage (phase-one stages are cached). The outputs a person opens are
// copied to the top of --out: results.json, report.html, table.md and pipeline.yaml.
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Command, CommandContext } from "../command/command.ts";
import { writeFileAtomic, writeJsonAtomic } from "../io/atomic.ts";
import { StageError } from "../io/errors.ts";
import { readRecords } from "../io/records.ts";
import { formatSummary, runPipeline, type RunReport } from "../pipeline/index.ts";
import { readResults, type EvalResults } from "../eval/index.ts";
import { ARMS, dataPipeline, demoPipeline } from "./demo-pipeline.ts";
import { presets, type DemoPreset } from "./presets.ts";
import { selectionWindow, type SelectionWindow } from "./selection-window.ts";
import { armSummaries, type ArmData } from "./arm-data.ts";
import { presetWithRl } from "./rl-stage.ts";
import { demoRlOutcome } from "./rl-outcome.ts";
import type { RlArmSummary } from "./rl-results.ts";

export interface DemoConfig {
  out: string;
  preset: keyof typeof presets;
  seed: number;
  /** GRPO steps per arm after fine-tuning: 0 = none; not given = the preset's. */
  rlSteps?: number;
}

export interface DemoOutcome {
  out: string;
  preset: string;
  seed: number;
  window: SelectionWindow;
  arms: Record<string, ArmSummary>;
  base: ArmSummary;
  report: string;
  results: string;
  seconds: number;
  stages: { ran: number; cached: number };
  /** Per arm, the RL stage's start and end (when it ran). */
  rl?: Record<string, RlArmSummary>;
}

export interface ArmSummary {
  "pass@1": number;
  "pass@1_se": number | null;
  "pass@k": number;
  k: number;
  entropy: number | null;
  mean_length: number | null;
  data?: ArmData;
}

/** One model's figures on the world benchmark of an eval's results. */
export function armSummary(results: EvalResults, label: string): ArmSummary {
  const b = results.models[label].benchmarks.world;
  return { "pass@1": b["pass@1"], "pass@1_se": b["pass@1_se"], "pass@k": b[`pass@${b.k}`], k: b.k, entropy: b.entropy, mean_length: b.mean_length };
}

/** The eval's report and tables, copied to where a person looks. */
export function copyReports(evalDir: string, to: string): void {
  for (const f of ["report.html", "table.md"]) if (existsSync(join(evalDir, f))) copyFileSync(join(evalDir, f), join(to, f));
}

/** Reads the PPL of every verified-correct teacher trace of a scored list-shape pool. */
async function correctPpls(path: string): Promise<number[]> {
  const ppls: number[] = [];
  for await (const { row } of readRecords(path)) {
    const ppl = row.ppl as number[];
    const ok = row.correct as boolean[];
    ppl.forEach((p, i) => ok[i] && ppls.push(p));
  }
  return ppls;
}

/** Runs one pipeline of the demo into the run directory; a failed stage fails the demo with its error. */
export async function runPhase(file: string, source: string, runDir: string, commands: Record<string, Command<any, any>>, ctx: CommandContext): Promise<RunReport> {
  const report = await runPipeline({ file, source, out: runDir, commands, ctx });
  if (!report.ok) {
    ctx.log(formatSummary(report));
    const failed = report.stages.find((s) => s.status === "failed");
    throw new StageError(`demo stage "${failed?.name}" (oxa ${failed?.uses}) failed: ${failed?.error}`);
  }
  return report;
}

export async function runDemo(c: DemoConfig, ctx: CommandContext, commands: Record<string, Command<any, any>>): Promise<DemoOutcome> {
  const start = Date.now();
  const preset: DemoPreset = presetWithRl(presets[c.preset], c.rlSteps);
  const out = resolve(c.out);
  const runDir = join(out, "pipeline");
  mkdirSync(out, { recursive: true });

  ctx.log(`oxa demo (${c.preset}): phase 1 — world, base model, teacher traces verified and scored`);
  const first = await runPhase("demo-data.yaml", dataPipeline(preset, c.seed), runDir, commands, ctx);
  const window = selectionWindow(await correctPpls(join(runDir, "scored", "out", "scored.jsonl")));
  ctx.log(`oxa demo: Gaussian window from the pool: mu=${window.mu} sigma=${window.sigma} range=[${window.minPpl}, ${window.maxPpl}] bin=${window.binWidth}`);

  ctx.log("oxa demo: phase 2 — selections, rollouts and mined errors, four fine-tunes, evaluation");
  const source = demoPipeline(preset, c.seed, window);
  writeFileAtomic(join(out, "pipeline.yaml"), `# The demo's pipeline (rerun with: oxa run ${join(c.out, "pipeline.yaml")} --out ${runDir})\n${source}`);
  const second = await runPhase("demo.yaml", source, runDir, commands, ctx);
  ctx.log(formatSummary(second));

  const evalDir = join(runDir, "eval", "out");
  const results = readResults(join(evalDir, "results.json"));
  const data = await armSummaries(runDir);
  const summary = (label: string): ArmSummary => ({ ...armSummary(results, label), data: data[label] });
  const arms = Object.fromEntries(ARMS.map((a) => [a, summary(a)]));
  copyReports(evalDir, out);
  const rl = preset.rl ? await demoRlOutcome(runDir, out, ARMS) : undefined;
  const ran = [...first.stages, ...second.stages].filter((s) => s.status === "ran").length;
  const outcome: DemoOutcome = {
    out,
    preset: c.preset,
    seed: c.seed,
    window,
    arms,
    base: summary("base"),
    report: join(out, "report.html"),
    results: join(out, "results.json"),
    seconds: (Date.now() - start) / 1000,
    stages: { ran, cached: second.stages.length - second.stages.filter((s) => s.status === "ran").length },
    ...(rl ? { rl } : {}),
  };
  writeJsonAtomic(join(out, "results.json"), outcome);
  return outcome;
}
