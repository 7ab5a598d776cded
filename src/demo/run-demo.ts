// `oxa demo`: the whole OXA experiment on the built-in world, in two runs of one pipeline per world
// variant. Phase one builds the world and the base model and scores the teacher traces (seeded by
// the world seed); the Gaussian window is then read off the scored pool (selection-window.ts);
// phase two reruns the same pipeline with every later stage once per run seed (phase-one stages
// are cached). Then the seeds are summarised (mean ± SE), each arm is compared with SFT (paired
// bootstrap over problems), and the files a person opens are written to the top of --out.
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Command, CommandContext } from "../command/command.ts";
import { readDetails, readResults, type ProblemDetail } from "../eval/index.ts";
import { writeFileAtomic, writeJsonAtomic } from "../io/atomic.ts";
import { StageError } from "../io/errors.ts";
import { readRecords } from "../io/records.ts";
import { formatSummary, runPipeline, withJobSlots, type JobSlots, type RunReport } from "../pipeline/index.ts";
import { renderMarkdown } from "../report/table.ts";
import { seedPointsSvg } from "../report/seed-points-chart.ts";
import { compareWithReference } from "./arm-comparison.ts";
import { armSummaries } from "./arm-data.ts";
import { armSummary, type ArmSummary } from "./arm-summary.ts";
import type { DemoConfig } from "./demo-config.ts";
import { ARMS, EVAL_RL, dataPipeline, demoPipeline } from "./demo-pipeline.ts";
import { presets, type DemoPreset } from "./presets.ts";
import { summarizeSeeds, type SeedRun } from "./seed-aggregate.ts";
import { seedList } from "./seed-list.ts";
import { seedStageName } from "./seed-stages.ts";
import { selectionWindow } from "./selection-window.ts";
import { pass1Chart, studyPage } from "./study-page.ts";
import type { AfterRl, DemoOutcome, VariantResults } from "./study-results.ts";
import { afterRlOutcome, comparisonTable, levelTable, styleTable, summaryTable } from "./study-table.ts";
import { presetForVariant, worldVariantOptions, type WorldVariant } from "./world-variant.ts";
import { presetWithRl } from "./rl-stage.ts";
import { demoRlOutcome } from "./rl-outcome.ts";
import { readArmRuns } from "./rl-results.ts";
import { studyRlSvg, type StudyRlSeed, type StudyRlWorld } from "./study-rl-chart.ts";
import { writtenStyles } from "./written-styles.ts";
import { passByLevel, readLevels } from "./level-pass.ts";
import { WORLD_FILES } from "../world/index.ts";

export { armSummary, type ArmSummary } from "./arm-summary.ts";
export type { DemoConfig } from "./demo-config.ts";
export type { DemoOutcome } from "./study-results.ts";

/** The files written at the top of --out (the first variant's eval report and table beside them). */
const FILES = { results: "results.json", seedsReport: "seeds.html", seedsSvg: "pass1-seeds.svg", seedsTable: "seeds.md" } as const;
/** With an RL stage: every world's GRPO curves, all seeds, one picture (study-rl-chart.ts). */
const RL_SVG = "rl-seeds.svg";
/** With an RL stage: the Pass@1 chart of the arms after GRPO (stage eval-rl). */
const RL_PASS1_SVG = "pass1-seeds-rl.svg";

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
export async function runPhase(file: string, source: string, runDir: string, commands: Record<string, Command<any, any>>, ctx: CommandContext, slots?: JobSlots): Promise<RunReport> {
  const report = await runPipeline({ file, source, out: runDir, commands, ctx, slots });
  if (!report.ok) {
    ctx.log(formatSummary(report));
    const failed = report.stages.find((s) => s.status === "failed");
    throw new StageError(`demo stage "${failed?.name}" (oxa ${failed?.uses}) failed: ${failed?.error}`);
  }
  return report;
}

interface VariantRun {
  preset: DemoPreset;
  presetName: string;
  variant: WorldVariant;
  worldSeed: number;
  seeds: number[];
  /** --out as the user wrote it, and the variant's folder under it ("." for a single variant). */
  userOut: string;
  dir: string;
  top: string;
  /** The demo's pool of stage slots (--jobs), shared by its worlds. */
  slots: JobSlots;
}

/** Phase one, the window, phase two for every seed, then the seeds' figures and comparisons. */
async function runVariant(v: VariantRun, ctx: CommandContext, commands: Record<string, Command<any, any>>): Promise<VariantResults> {
  const out = join(v.top, v.dir);
  const runDir = join(out, "pipeline");
  mkdirSync(out, { recursive: true });
  const world = worldVariantOptions(v.variant);
  const tag = `oxa demo (${v.presetName}, ${v.variant} world)`;

  ctx.log(`${tag}: phase 1 — world, base model, teacher traces verified and scored`);
  const first = await runPhase("demo-data.yaml", dataPipeline(v.preset, v.worldSeed, world), runDir, commands, ctx, v.slots);
  const window = selectionWindow(await correctPpls(join(runDir, "scored", "out", "scored.jsonl")));
  ctx.log(`${tag}: Gaussian window from the pool: mu=${window.mu} sigma=${window.sigma} range=[${window.minPpl}, ${window.maxPpl}] bin=${window.binWidth}`);

  ctx.log(`${tag}: phase 2 — for seed${v.seeds.length > 1 ? "s" : ""} ${v.seeds.join(", ")}: selections, rollouts and mined errors, four fine-tunes, evaluation`);
  const source = demoPipeline(v.preset, v.worldSeed, v.seeds, window, world);
  const rel = (f: string) => join(v.userOut, v.dir, f);
  writeFileAtomic(join(out, "pipeline.yaml"), `# The demo's pipeline (rerun with: oxa run ${rel("pipeline.yaml")} --out ${rel("pipeline")})\n${source}`);
  const second = await runPhase("demo.yaml", source, runDir, commands, ctx, v.slots);
  ctx.log(formatSummary(second));

  const levels = await readLevels(join(runDir, "world", "out", WORLD_FILES.test));
  const runs: SeedRun[] = [];
  const details: Record<string, ProblemDetail[][]> = Object.fromEntries(ARMS.map((a) => [a, []]));
  for (const seed of v.seeds) {
    const name = (stage: string) => seedStageName(stage, seed, v.worldSeed);
    const evalDir = join(runDir, name("eval"), "out");
    const e = await readEvaluation(evalDir, ["base", ...ARMS], levels);
    const data = await armSummaries(runDir, name);
    const arm = (a: string): ArmSummary => ({ ...e.figures[a], ...(data[a] ? { data: data[a] } : {}) });
    runs.push({ seed, arms: Object.fromEntries(ARMS.map((a) => [a, arm(a)])), base: e.figures.base });
    for (const a of ARMS) details[a].push(e.details[a]);
    if (seed === v.seeds[0]) copyReports(evalDir, out);
  }
  // The RL stage (when the preset has one): every seed's start/end per arm; the first seed's curves
  // go into the copied report.html (the first seed's eval) and rl-curves.svg.
  const rl: NonNullable<VariantResults["rl"]> = {};
  if (v.preset.rl) {
    for (const seed of v.seeds) {
      rl[String(seed)] = await demoRlOutcome(runDir, out, ARMS, (stage) => seedStageName(stage, seed, v.worldSeed), seed === v.seeds[0]);
    }
  }
  const afterRl = v.preset.rl ? await evaluatedAfterRl(runDir, v, runs, levels) : undefined;
  const ran = (r: RunReport) => r.stages.filter((s) => s.status === "ran").length;
  return {
    variant: v.variant,
    dir: v.dir,
    window,
    seeds: runs,
    summary: summarizeSeeds(runs, ["base", ...ARMS]),
    comparisons: compareWithReference(details, v.worldSeed),
    stages: { ran: ran(first) + ran(second), cached: second.stages.length - ran(second) },
    ...(v.preset.rl ? { rl, afterRl } : {}),
  };
}

/** One evaluation of the world benchmark: each model's figures with the styles it wrote and its Pass@1 per level, and its per-problem details. */
async function readEvaluation(evalDir: string, labels: readonly string[], levels: ReadonlyMap<string, number>): Promise<{ figures: Record<string, ArmSummary>; details: Record<string, ProblemDetail[]> }> {
  const results = readResults(join(evalDir, "results.json"));
  const figures: Record<string, ArmSummary> = {};
  const details: Record<string, ProblemDetail[]> = {};
  for (const label of labels) {
    const d = (details[label] = await readDetails(join(evalDir, label, "world", "details.jsonl")));
    figures[label] = { ...armSummary(results, label), written: await writtenStyles(evalDir, results.models[label], d), levels: passByLevel(d, levels) };
  }
  return { figures, details };
}

/** The arms' evaluation after GRPO (stage eval-rl) per seed, summarised and compared with SFT as before RL. */
async function evaluatedAfterRl(runDir: string, v: VariantRun, before: readonly SeedRun[], levels: ReadonlyMap<string, number>): Promise<AfterRl> {
  const details: Record<string, ProblemDetail[][]> = Object.fromEntries(ARMS.map((a) => [a, []]));
  const seeds: SeedRun[] = [];
  for (const [i, seed] of v.seeds.entries()) {
    const e = await readEvaluation(join(runDir, seedStageName(EVAL_RL, seed, v.worldSeed), "out"), ARMS, levels);
    seeds.push({ seed, base: before[i].base, arms: e.figures });
    for (const a of ARMS) details[a].push(e.details[a]);
  }
  return { seeds, summary: summarizeSeeds(seeds, ["base", ...ARMS]), comparisons: compareWithReference(details, v.worldSeed) };
}

/**
 * Every variant's RL runs, per arm all seeds, read back for the study's RL picture, each with the
 * evaluation's sampled Pass@1 and Pass@k before GRPO (step 0) and after it (the run's last step).
 */
async function rlWorlds(top: string, variants: readonly VariantResults[], seeds: readonly number[], worldSeed: number): Promise<StudyRlWorld[]> {
  return Promise.all(
    variants.map(async (v) => {
      const perSeed = await Promise.all(seeds.map((seed) => readArmRuns(join(top, v.dir, "pipeline"), ARMS, (stage) => seedStageName(stage, seed, worldSeed))));
      const evaluated = (arm: string, i: number, run: StudyRlSeed) => {
        const before = v.seeds[i].arms[arm];
        const after = v.afterRl?.seeds[i].arms[arm];
        const last = Math.max(0, ...run.steps.map((r) => r.step));
        return [{ step: 0, pass1: before["pass@1"], passk: before["pass@k"] }, ...(after ? [{ step: last, pass1: after["pass@1"], passk: after["pass@k"] }] : [])];
      };
      return { name: v.variant, arms: ARMS.map((arm, k) => ({ name: arm, seeds: perSeed.map((runs, i) => ({ ...runs[k], evaluated: evaluated(arm, i, runs[k]) })) })) };
    }),
  );
}

export async function runDemo(c: DemoConfig, ctx: CommandContext, commands: Record<string, Command<any, any>>): Promise<DemoOutcome> {
  const start = Date.now();
  const preset = presetWithRl(presets[c.preset], c.rlSteps);
  const seeds = seedList(c.seeds, c.seed, preset.seeds);
  const variants = c.variant ? [c.variant] : preset.variants;
  for (const v of variants) worldVariantOptions(v); // an unbuildable variant fails before anything runs
  const top = resolve(c.out);
  mkdirSync(top, { recursive: true });

  // With --jobs > 1 the worlds run side by side, drawing on one pool of slots; a world that fails
  // lets the other finish (its stages stay cached) before the demo reports the failure.
  const results: DemoOutcome["variants"] = {};
  await withJobSlots(c.jobs, async (slots) => {
    const runOne = (variant: WorldVariant) =>
      runVariant({ preset: presetForVariant(preset, variant), presetName: c.preset, variant, worldSeed: c.seed, seeds, userOut: c.out, dir: variants.length > 1 ? variant : ".", top, slots }, ctx, commands);
    if (c.jobs === 1) for (const variant of variants) results[variant] = await runOne(variant);
    else {
      const settled = await Promise.allSettled(variants.map(runOne));
      const failure = settled.find((s) => s.status === "rejected");
      if (failure) throw failure.reason;
      variants.forEach((variant, i) => (results[variant] = (settled[i] as PromiseFulfilledResult<VariantResults>).value));
    }
  });
  const all = Object.values(results) as VariantResults[];
  const first = all[0].dir;
  const nSeeds = `${seeds.length} seed${seeds.length > 1 ? "s" : ""}`;
  const rlPicture = preset.rl ? studyRlSvg(await rlWorlds(top, all, seeds, c.seed), `oxa demo: GRPO from each fine-tuned arm (bold: mean of ${nSeeds}; faint: each seed)`, preset.eval.k) : undefined;
  if (rlPicture) writeFileAtomic(join(top, RL_SVG), rlPicture);
  const outcome: DemoOutcome = {
    preset: c.preset,
    worldSeed: c.seed,
    seeds,
    variants: results,
    files: { ...FILES, report: join(first, "report.html"), table: join(first, "table.md"), ...(rlPicture ? { rlSvg: RL_SVG, rlPass1Svg: RL_PASS1_SVG } : {}) },
    seconds: (Date.now() - start) / 1000,
    stages: { ran: all.reduce((s, v) => s + v.stages.ran, 0), cached: all.reduce((s, v) => s + v.stages.cached, 0) },
  };
  writeFileAtomic(join(top, FILES.seedsSvg), seedPointsSvg(pass1Chart(outcome)));
  writeFileAtomic(join(top, FILES.seedsReport), studyPage(outcome, rlPicture));
  const after = afterRlOutcome(outcome);
  if (after) writeFileAtomic(join(top, RL_PASS1_SVG), seedPointsSvg({ ...pass1Chart(after), title: `Pass@1 per arm after GRPO: each seed's dot, mean and ± 1 SE across ${nSeeds} (base: before RL)` }));
  const tables = (r: DemoOutcome, when: string) =>
    `## Mean ± SE across seeds${when}\n\n${renderMarkdown(summaryTable(r))}\n## Each arm against SFT${when}\n\n${renderMarkdown(comparisonTable(r))}` +
    `\n## The styles the models write${when} (share of samples · their Pass@1, %, seeds pooled)\n\n${renderMarkdown(styleTable(r))}` +
    `\n## Pass@1 per problem level${when} (%, seeds pooled; the header counts the problems)\n\n${renderMarkdown(levelTable(r))}`;
  writeFileAtomic(join(top, FILES.seedsTable), tables(outcome, "") + (after ? `\n${tables(after, ", after GRPO")}` : ""));
  writeJsonAtomic(join(top, FILES.results), outcome);
  return outcome;
}
