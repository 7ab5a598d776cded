// The `train` stage with its I/O: normalise the mixed training file, count tokens (engine), drop
// sequences over the cutoff, compose the batch schedule, run the engine's train job (one process
// or `accelerate launch`), then draw the curves. Everything lands in the run directory:
//   records.jsonl lengths.jsonl schedule.json metrics.jsonl curves.svg train-summary.json
//   checkpoints/step-N/ (model dir + trainer state)   model/ (the final model)
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic, writeJsonAtomic } from "../io/atomic.ts";
import { InputError, UsageError } from "../io/errors.ts";
import type { Progress } from "../cli/progress.ts";
import { runJob } from "../engine/run-job.ts";
import type { JobSpec } from "../engine/jobs/index.ts";
import { composeSchedule, type ScheduleOptions } from "./batch-schedule.ts";
import { lossCurvesChart, type StepMetrics } from "./loss-curves-chart.ts";
import { readTokenLengths, splitByCutoff } from "./token-lengths.ts";
import { writeTrainingSet } from "./training-set.ts";

export const MODES = ["sft", "oxa-mle", "oxa-full"] as const;
export type Mode = (typeof MODES)[number];

type EngineOptions = Omit<JobSpec<"train">, "model" | "schedule" | "out" | "seed" | "cutoff">;

export interface TrainRun extends Omit<ScheduleOptions, "ulPerBatch"> {
  data: string;
  model: string;
  out: string;
  mode: Mode;
  ulPerBatch: number;
  cutoff: number;
  engine: EngineOptions;
  processes: number;
  accelerateConfig?: string;
  progress: (label: string, total?: number) => Progress;
  log: (message: string) => void;
}

export interface TrainResult {
  model: string | null;
  out: string;
  mode: Mode;
  steps: number;
  epochs: number;
  records: { ce: number; ul: number; droppedOverCutoff: { ce: number; ul: number }; ignoredUl: number };
  longestSequence: number;
  last: Record<string, unknown> | null;
  curves: string;
  resumedFrom: number;
}

export async function runTrain(o: TrainRun): Promise<TrainResult> {
  mkdirSync(o.out, { recursive: true });
  const recordsPath = join(o.out, "records.jsonl");
  const bar = o.progress(`reading ${o.data}`);
  const set = await writeTrainingSet(o.data, recordsPath, bar);
  bar.finish(`${set.records} records`);
  const k = o.mode === "oxa-full" ? o.ulPerBatch : 0;
  const ignoredUl = k === 0 ? set.ul.length : 0;
  if (ignoredUl > 0) o.log(`mode ${o.mode}: ignoring ${ignoredUl} UL records (loss_type 1); only oxa-full trains on them`);
  if (k > 0 && set.ul.length === 0) throw new InputError(`no UL records (loss_type 1), but --mode oxa-full puts ${k} in every batch`, { file: o.data });
  if (o.globalBatch - k > 0 && set.ce.length === 0) throw new InputError("no CE records (loss_type 0)", { file: o.data });

  const lengthsPath = join(o.out, "lengths.jsonl");
  const chat = o.engine.chat;
  const counted = await runJob(
    "count-tokens",
    { model: o.model, input: recordsPath, output: lengthsPath, chat, strip_default_system_prompt: o.engine.strip_default_system_prompt, append_eos: o.engine.append_eos },
    { workDir: o.out, progress: o.progress("counting tokens", set.records) },
  );
  const maxPos = o.engine.max_position_embeddings ?? (counted.result.max_position_embeddings as number | null);
  if (maxPos !== null && maxPos !== undefined && maxPos < o.cutoff) {
    throw new UsageError(`the model's max_position_embeddings (${maxPos}) is below --cutoff ${o.cutoff}: lower --cutoff or raise --max-position-embeddings (with --rope-theta)`);
  }
  const lengths = await readTokenLengths(lengthsPath, set.records);
  const split = splitByCutoff(set.ce, k > 0 ? set.ul : [], lengths, o.cutoff);
  if (split.dropped.ce + split.dropped.ul > 0) o.log(`dropped ${split.dropped.ce} CE and ${split.dropped.ul} UL sequences over the cutoff of ${o.cutoff} tokens`);

  const batches = composeSchedule(split.ce, split.ul, { ...o, ulPerBatch: k });
  if (batches.length === 0) {
    throw new InputError(
      `${split.ce.length} CE and ${split.ul.length} UL usable records cannot fill one global batch of ${o.globalBatch} (${o.globalBatch - k} CE + ${k} UL)${k > 0 && !o.wrap ? "; --wrap lets the shorter pool be used twice" : ""}`,
      { file: o.data },
    );
  }
  const schedulePath = join(o.out, "schedule.json");
  const { globalBatch, epochs, seed, wrap, mode, cutoff } = o;
  writeJsonAtomic(schedulePath, { version: 1, records: "records.jsonl", n_records: set.records, global_batch: globalBatch, ul_per_batch: k, epochs, seed, wrap, mode, cutoff, dropped: split.dropped, batches });

  const launchArgs = o.processes > 1 ? (o.accelerateConfig ? ["--config_file", o.accelerateConfig] : ["--multi_gpu"]) : [];
  const done = await runJob(
    "train",
    { ...o.engine, model: o.model, schedule: schedulePath, out: o.out, seed, cutoff },
    { workDir: o.out, processes: o.processes, launchArgs, progress: o.progress("training", batches.length), env: { OMP_NUM_THREADS: process.env.OMP_NUM_THREADS ?? "1" } },
  );

  const metricsPath = join(o.out, "metrics.jsonl");
  const rows = readFileSync(metricsPath, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as StepMetrics & Record<string, unknown>);
  const curves = join(o.out, "curves.svg");
  writeFileAtomic(curves, lossCurvesChart(rows, `oxa train --mode ${o.mode}: losses and entropy per step`));
  const result: TrainResult = {
    model: (done.result.model as string | null) ?? null,
    out: o.out,
    mode: o.mode,
    steps: rows.length,
    epochs,
    records: { ce: split.ce.length, ul: split.ul.length, droppedOverCutoff: split.dropped, ignoredUl },
    longestSequence: split.longest,
    last: rows.at(-1) ?? null,
    curves,
    resumedFrom: Number(done.result.resumed_from ?? 0),
  };
  writeJsonAtomic(join(o.out, "train-summary.json"), result);
  return result;
}
