// Runs one row-wise engine job over a dataset: stage the items, run the engine (resumable: its
// partial output lives in <output>.work/ under a name derived from the exact items, so rerunning
// the same command continues a killed run and a changed input starts afresh), merge, clean up.
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { UsageError } from "../io/errors.ts";
import type { Progress } from "../cli/progress.ts";
import { runJob } from "../engine/run-job.ts";
import type { JobName, JobSpec } from "../engine/jobs/index.ts";
import { mergeRows, stageRows, type RowStage, type Staged } from "./staged-rows.ts";

export interface StagedJob<J extends JobName> {
  job: J;
  output: string;
  rejects: string | null;
  /** The job's spec, given its input (the staged items) and output (the results) files. */
  spec(input: string, output: string): JobSpec<J>;
  /** A progress bar over the staged items. */
  progress(items: number): Progress;
}

export interface StagedJobResult extends Staged {
  rows: number;
  /** The engine's `done` result ({} when there was nothing to do). */
  engine: Record<string, unknown>;
}

/** What every staged run reports beside its own counts. */
export interface RunFacts {
  input: string;
  output: string;
  rejected: number;
  rejects: string | null;
  model: string;
  dtype: string | null;
  device: string | null;
  /** Records a previous, killed run had finished. */
  resumed: number;
  seconds: number;
}

export function runFacts(o: { input: string; output: string; model: string; rejects: string | null }, r: StagedJobResult, started: number): RunFacts {
  const e = r.engine;
  return {
    input: o.input,
    output: o.output,
    rejected: r.rejected,
    rejects: o.rejects,
    model: o.model,
    dtype: typeof e.dtype === "string" ? e.dtype : null,
    device: typeof e.device === "string" ? e.device : null,
    resumed: typeof e.resumed === "number" ? e.resumed : 0,
    seconds: (Date.now() - started) / 1000,
  };
}

export async function runStagedJob<P, J extends JobName>(stage: RowStage<P>, o: StagedJob<J>): Promise<StagedJobResult> {
  if (!o.output.endsWith(".jsonl")) throw new UsageError(`the output must be a .jsonl file, got ${o.output}`);
  // absolute: the engine runs in another working directory
  const work = resolve(`${o.output}.work`);
  mkdirSync(work, { recursive: true });
  const itemsPath = join(work, "items.jsonl");
  const staged = await stageRows(stage, itemsPath, o.rejects).catch((e) => {
    if (!readdirSync(work).some((f) => f.endsWith(".partial"))) rmSync(work, { recursive: true, force: true });
    throw e;
  });
  const results = join(work, `${o.job}-${staged.hash}.jsonl`);
  let engine: Record<string, unknown> = {};
  if (staged.items > 0) engine = (await runJob(o.job, o.spec(itemsPath, results), { workDir: work, progress: o.progress(staged.items) })).result;
  const rows = await mergeRows(stage, staged.items > 0 ? results : null, o.output, engine);
  rmSync(work, { recursive: true, force: true });
  return { ...staged, rows, engine };
}
