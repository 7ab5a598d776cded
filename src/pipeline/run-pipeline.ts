// `oxa run`: runs a pipeline's stages in-process through the command table, in file order, or with
// `jobs` > 1 up to that many at once, each as soon as the stages it names have finished
// (stage-dependencies.ts). A stage whose command, parameters and input contents are unchanged since
// its last finished run is skipped; --from reruns a stage and all after it; --only reruns one
// stage. Stages outside the chosen range are kept as they are, and their results stay visible to
// later stages. After a failure no new stage starts; those running finish.
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse as parseYaml } from "yaml";
import type { Command, CommandContext } from "../command/command.ts";
import { InputError, UsageError } from "../io/errors.ts";
import { codeVersion } from "./code-version.ts";
import { executeStage } from "./execute-stage.ts";
import { HashCache } from "./hash-cache.ts";
import { manifestPath, manifestSchema, outputsIntact, readJsonAs, startedPath } from "./manifest.ts";
import { fromRunRelative } from "./run-relative.ts";
import { loadPipeline, where, type Pipeline } from "./pipeline-file.ts";
import { withJobSlots, type JobSlots } from "./job-slots.ts";
import { lockRun } from "./run-lock.ts";
import { stageDependencies } from "./stage-dependencies.ts";
import { stageConfig, stageOutDir, type StageEnv } from "./stage-config.ts";
import { inputPaths, stageKey } from "./stage-key.ts";

export interface RunOptions {
  /** The pipeline file (with `source`: only its name in messages and the default run directory). */
  file: string;
  /** The pipeline's YAML text, for callers that build it (e.g. a demo preset) instead of reading a file. */
  source?: string;
  /** Run directory; default: the file's `run:`, else runs/<file name>. */
  out?: string;
  from?: string;
  only?: string;
  /** NAME=VALUE overrides of the file's vars (values read as YAML scalars). */
  vars?: readonly string[];
  /** Validate and report each stage's state without running anything. */
  check?: boolean;
  /** Stages run at once (default 1: one after another in file order). */
  jobs?: number;
  /** A pool shared with other pipelines run by the same process (overrides `jobs`). */
  slots?: JobSlots;
  commands: Record<string, Command<any, any>>;
  ctx: CommandContext;
}

/**
 * ran: executed now; cached: unchanged since its last run; kept: outside --from/--only; not-run:
 * not finished. With --check: done (has a manifest), unfinished (started, never finished), not-run.
 */
export type StageStatus = "ran" | "cached" | "kept" | "failed" | "not-run" | "done" | "unfinished";

export interface StageReport {
  name: string;
  uses: string;
  status: StageStatus;
  seconds: number;
  result?: unknown;
  error?: string;
}

export interface RunReport {
  file: string;
  run: string;
  ok: boolean;
  seconds: number;
  stages: StageReport[];
}

function overrideVars(p: Pipeline, pairs: readonly string[]): Record<string, unknown> {
  const vars: Record<string, unknown> = { ...p.vars };
  for (const pair of pairs) {
    const eq = pair.indexOf("=");
    const name = pair.slice(0, eq);
    if (eq < 1 || !(name in vars)) throw new UsageError(`--var ${pair}: expected NAME=VALUE with NAME one of the pipeline's vars (${Object.keys(vars).join(", ") || "none declared"})`);
    vars[name] = parseYaml(pair.slice(eq + 1));
  }
  return vars;
}

/** What each stage does in this invocation: decided by --from / --only before anything runs. */
function plan(p: Pipeline, from?: string, only?: string): ("auto" | "force" | "keep")[] {
  const names = p.stages.map((s) => s.name);
  for (const [flag, v] of [["--from", from], ["--only", only]] as const) {
    if (v !== undefined && !names.includes(v)) throw new UsageError(`${flag} ${v}: no such stage (stages: ${names.join(", ")})`);
  }
  if (from && only) throw new UsageError("--from and --only cannot be combined");
  return names.map((n, i) => (only ? (n === only ? "force" : "keep") : from ? (i >= names.indexOf(from) ? "force" : "keep") : "auto"));
}

function checkReport(file: string, runDir: string, p: Pipeline): RunReport {
  const state = (name: string): StageStatus =>
    readJsonAs(manifestPath(runDir, name), manifestSchema) ? "done" : existsSync(startedPath(runDir, name)) ? "unfinished" : "not-run";
  return { file, run: resolve(runDir), ok: true, seconds: 0, stages: p.stages.map((s) => ({ name: s.name, uses: s.uses, status: state(s.name), seconds: 0 })) };
}

export async function runPipeline(o: RunOptions): Promise<RunReport> {
  const p = loadPipeline(o.file, o.source);
  const runDir = o.out ?? p.run ?? join("runs", o.file.replace(/^.*\//, "").replace(/\.ya?ml$/, ""));
  const env: StageEnv & { results: Map<string, unknown> } = { runDir, vars: overrideVars(p, o.vars ?? []), results: new Map() };
  const modes = plan(p, o.from, o.only);
  const commandOf = (i: number) => o.commands[p.stages[i].uses];
  for (const [i, stage] of p.stages.entries()) {
    if (!commandOf(i)) throw new InputError(`${where(p, ["stages", stage.name, "uses"])}: "${stage.uses}" is not a command (commands: ${Object.keys(o.commands).join(", ")})`, { file: o.file });
  }
  // Kept stages contribute their recorded results; then every stage is checked before any runs.
  p.stages.forEach((s, i) => {
    const m = modes[i] === "keep" ? readJsonAs(manifestPath(runDir, s.name), manifestSchema) : null;
    if (m) env.results.set(s.name, fromRunRelative(m.result, runDir));
  });
  p.stages.forEach((s, i) => stageConfig(p, s, commandOf(i), env, true));
  if (o.check) return checkReport(o.file, runDir, p);

  const release = lockRun(runDir);
  const cache = new HashCache(join(runDir, ".hash-cache.json"));
  const code = await codeVersion();
  const t0 = performance.now();
  const reports: StageReport[] = p.stages.map((s) => ({ name: s.name, uses: s.uses, status: "not-run", seconds: 0 }));
  const failed = () => reports.some((r) => r.status === "failed");

  /** One stage: kept, cached, or executed; its report filled in, its result made visible. */
  const runStage = async (i: number): Promise<void> => {
    const stage = p.stages[i];
    const report = reports[i];
    const old = readJsonAs(manifestPath(runDir, stage.name), manifestSchema);
    if (modes[i] === "keep") {
      report.status = old ? "kept" : "not-run";
      return;
    }
    const cmd = commandOf(i);
    const { config, resumeConfig, portable } = stageConfig(p, stage, cmd, env);
    const stageDir = join(runDir, stage.name);
    const { key, hashes } = await stageKey(cmd.name, portable, inputPaths(config, portable, stageDir, runDir), cache.hash);
    if (modes[i] === "auto" && old?.key === key && outputsIntact(old, stageOutDir(runDir, stage.name))) {
      const result = fromRunRelative(old.result, runDir);
      Object.assign(report, { status: "cached", result });
      env.results.set(stage.name, result);
      o.ctx.log(`[${stage.name}] cached (unchanged since ${old.finishedAt})`);
      return;
    }
    o.ctx.log(`[${stage.name}] running oxa ${cmd.name}`);
    const ctx: CommandContext = { json: false, log: (m) => o.ctx.log(`[${stage.name}] ${m}`), progress: (label, total) => o.ctx.progress(`${stage.name}: ${label}`, total) };
    const started = performance.now();
    try {
      const m = await executeStage({ runDir, name: stage.name, cmd, config, resumeConfig, params: portable, key, inputs: hashes, code, ctx, fileHash: cache.hash });
      Object.assign(report, { status: "ran", seconds: m.seconds, result: m.result });
      env.results.set(stage.name, m.result);
    } catch (e) {
      Object.assign(report, { status: "failed", seconds: (performance.now() - started) / 1000, error: (e as Error).message });
    } finally {
      cache.save();
    }
  };

  // A stage waits for the stages it names, then for a slot; after a failure nothing new starts (so
  // a stage whose inputs did not finish stays not-run). With one slot every stage waits for the one
  // before it too, so the order is the file's, exactly as before concurrency existed.
  const runAll = (slots: JobSlots) => {
    const deps = stageDependencies(p);
    const settled: Promise<void>[] = [];
    for (let i = 0; i < p.stages.length; i++) {
      const before = slots.size === 1 && i > 0 ? [i - 1] : deps[i];
      settled[i] = Promise.all(before.map((j) => settled[j])).then(async () => {
        if (failed()) return;
        const give = await slots.acquire();
        try {
          if (!failed()) await runStage(i);
        } finally {
          give();
        }
      });
    }
    return Promise.all(settled);
  };
  try {
    // a shared pool's owner has shared the cores already
    await (o.slots ? runAll(o.slots) : withJobSlots(o.jobs ?? 1, runAll));
  } finally {
    release();
  }
  return { file: o.file, run: resolve(runDir), ok: !reports.some((r) => r.status === "failed"), seconds: (performance.now() - t0) / 1000, stages: reports };
}
