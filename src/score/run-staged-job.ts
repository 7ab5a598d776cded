// Runs one row-wise engine job over a dataset: stage the items, run the engine or a remote backend (resumable: its
// partial output lives in <output>.work/ under a name derived from the exact items, so rerunning
// the same command continues a killed run and a changed input starts afresh), merge, clean up.
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { UsageError } from "../io/errors.ts";
import type { Progress } from "../io/progress.ts";
import { runJob } from "../engine/run-job.ts";
import type { z } from "zod";
import type { JobName, JobResultOf, JobSpec } from "../engine/jobs/index.ts";
import { mergeRows, stageRows, type RowStage, type Staged } from "./staged-rows.ts";

export interface StagedJob<J extends JobName> {
  job: J;
  output: string;
  rejects: string | null;
  /** The job's spec, given its input (the staged items) and output (the results) files. */
  spec(input: string, output: string): JobSpec<J>;
  /** A progress bar over the staged items. */
  progress(items: number): Progress;
  /** Runs the work somewhere else than the local engine (a remote backend), writing `output`
   *  as the job would and returning a result of the job's shape; default: runJob with `spec`. */
  run?(input: string, output: string, progress: Progress): Promise<JobResultOf<J>>;
}

export interface StagedJobResult<J extends JobName> extends Staged {
  rows: number;
  /** The engine's `done` result (null when there was nothing to do). */
  engine: JobResultOf<J> | null;
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

export function runFacts(o: { input: string; output: string; model: string; rejects: string | null }, r: StagedJobResult<"score" | "generate">, started: number): RunFacts {
  return {
    input: o.input,
    output: o.output,
    rejected: r.rejected,
    rejects: o.rejects,
    model: o.model,
    dtype: r.engine?.dtype ?? null,
    device: r.engine?.device ?? null,
    resumed: r.engine?.resumed ?? 0,
    seconds: (Date.now() - started) / 1000,
  };
}

export async function runStagedJob<P, R extends z.ZodType, J extends JobName>(stage: RowStage<P, R, J>, o: StagedJob<J>): Promise<StagedJobResult<J>> {
  if (!/\.(jsonl|parquet)$/.test(o.output)) throw new UsageError(`the output must be a .jsonl or .parquet file, got ${o.output}`);
  // absolute: the engine runs in another working directory
  const work = resolve(`${o.output}.work`);
  mkdirSync(work, { recursive: true });
  const itemsPath = join(work, "items.jsonl");
  const staged = await stageRows(stage, itemsPath, o.rejects).catch((e) => {
    if (!readdirSync(work).some((f) => f.endsWith(".partial"))) rmSync(work, { recursive: true, force: true });
    throw e;
  });
  const results = join(work, `${o.job}-${staged.hash}.jsonl`);
  const run = o.run ?? (async (input: string, output: string, progress: Progress) => (await runJob(o.job, o.spec(input, output), { workDir: work, progress })).result);
  const engine = staged.items > 0 ? await run(itemsPath, results, o.progress(staged.items)) : null;
  const rows = await mergeRows(stage, o.job, staged.items > 0 ? results : null, o.output, engine);
  rmSync(work, { recursive: true, force: true });
  return { ...staged, rows, engine };
}
