// `oxa demo --method self-explore`: the Self-Explore experiment on the built-in world, one run of
// one pipeline (self-explore-pipeline.ts). It shares the run directory <out>/pipeline with the OXA
// demo, so world, base and SFT arm are built once for both methods; its own files go to
// <out>/self-explore/: results.json, report.html, table.md and pipeline.yaml.
import { mkdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Command, CommandContext } from "../command/command.ts";
import type { DpoResult } from "../dpo/index.ts";
import { readResults } from "../eval/index.ts";
import type { ExploreSummary, PairsSummary, RftSummary } from "../explore/index.ts";
import { writeFileAtomic, writeJsonAtomic } from "../io/atomic.ts";
import { UsageError } from "../io/errors.ts";
import { formatSummary, manifestPath, withJobSlots } from "../pipeline/index.ts";
import { armSummary, copyReports, runPhase, type ArmSummary, type DemoConfig } from "./run-demo.ts";
import { pairStages, SE_ARMS, seArmStage, selfExplorePipeline } from "./self-explore-pipeline.ts";
import { selfExplorePresets } from "./self-explore-presets.ts";

export interface SelfExploreOutcome {
  method: "self-explore";
  preset: string;
  seed: number;
  arms: Record<string, ArmSummary>;
  base: ArmSummary;
  /** What the Self-Explore stages produced: the RFT set, the exploration, the pairs, the last DPO step of each arm. */
  data: {
    rft: Pick<RftSummary, "samples" | "correct" | "problems" | "solved" | "kept" | "dropped">;
    explore: Pick<ExploreSummary, "pits" | "noPit" | "completions" | "completionsPerSecond" | "meanSteps">;
    pairs: { step: number; outcome: number };
    dpo: Record<"step" | "outcome", DpoResult["last"]>;
  };
  /** Relative to --out, so the file does not depend on where the run was made. */
  report: string;
  results: string;
  seconds: number;
  stages: { ran: number; cached: number };
}

/** A finished stage's result, as its manifest recorded it. */
const stageResult = <T>(runDir: string, name: string): T => JSON.parse(readFileSync(manifestPath(runDir, name), "utf8")).result as T;

export async function runSelfExplore(c: DemoConfig, ctx: CommandContext, commands: Record<string, Command<any, any>>): Promise<SelfExploreOutcome> {
  const start = Date.now();
  // Seeds and world variants are the OXA demo's study; Self-Explore runs one seed of the control world.
  if (c.preset === "study") throw new UsageError("--method self-explore has presets tiny and default (study is the OXA demo's)");
  if (c.seeds !== undefined) throw new UsageError("--seeds: --method self-explore runs one seed (--seed)");
  if (c.variant !== undefined && c.variant !== "control") throw new UsageError(`--variant ${c.variant}: --method self-explore runs on the control world`);
  const preset = selfExplorePresets[c.preset];
  const top = resolve(c.out);
  const out = join(top, "self-explore");
  const runDir = join(top, "pipeline");
  mkdirSync(out, { recursive: true });

  ctx.log(`oxa demo --method self-explore (${c.preset}): SFT, samples, RFT, exploration, pairs, two DPO arms, evaluation`);
  const source = selfExplorePipeline(preset, c.seed);
  writeFileAtomic(join(out, "pipeline.yaml"), `# The Self-Explore demo's pipeline (rerun with: oxa run ${join(c.out, "self-explore", "pipeline.yaml")} --out ${join(c.out, "pipeline")})\n${source}`);
  const report = await withJobSlots(c.jobs, (slots) => runPhase("demo-self-explore.yaml", source, runDir, commands, ctx, slots));
  ctx.log(formatSummary(report));

  const evalDir = join(runDir, "eval-se", "out");
  const results = readResults(join(evalDir, "results.json"));
  copyReports(evalDir, out);
  const rft = stageResult<RftSummary>(runDir, "rft");
  const explore = stageResult<ExploreSummary>(runDir, "explore");
  const pairs = (kind: keyof typeof pairStages) => stageResult<PairsSummary>(runDir, pairStages[kind])[kind];
  const ran = report.stages.filter((s) => s.status === "ran").length;
  const outcome: SelfExploreOutcome = {
    method: "self-explore",
    preset: c.preset,
    seed: c.seed,
    arms: Object.fromEntries(SE_ARMS.map((a) => [a, armSummary(results, a)])),
    base: armSummary(results, "base"),
    data: {
      rft: { samples: rft.samples, correct: rft.correct, problems: rft.problems, solved: rft.solved, kept: rft.kept, dropped: rft.dropped },
      explore: { pits: explore.pits, noPit: explore.noPit, completions: explore.completions, completionsPerSecond: explore.completionsPerSecond, meanSteps: explore.meanSteps },
      pairs: { step: pairs("step"), outcome: pairs("outcome") },
      dpo: { step: stageResult<DpoResult>(runDir, seArmStage.dpo_step).last, outcome: stageResult<DpoResult>(runDir, seArmStage.dpo_outcome).last },
    },
    report: join("self-explore", "report.html"),
    results: join("self-explore", "results.json"),
    seconds: (Date.now() - start) / 1000,
    stages: { ran, cached: report.stages.length - ran },
  };
  writeJsonAtomic(join(out, "results.json"), outcome);
  return outcome;
}
