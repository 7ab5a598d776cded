// The `train` stage with its I/O: normalise the mixed training file, count tokens (engine), drop
// sequences over the cutoff, compose the batch schedule, run the engine's train job (one process
// or `accelerate launch`), then draw the curves. Everything lands in the run directory:
//   records.jsonl lengths.jsonl schedule.json metrics.jsonl curves.svg train-summary.json
//   checkpoints/step-N/ (model dir + trainer state)   model/ (the final model)
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { pathFrom } from "../common/path-from.ts";
import { writeFileAtomic, writeJsonAtomic } from "../io/atomic.ts";
import { InputError, UsageError } from "../io/errors.ts";
import type { StartProgress } from "../io/progress.ts";
import { runJob } from "../engine/run-job.ts";
import { assertModelDir } from "../engine/model-dir.ts";
import { readEngineRecords } from "../engine/engine-output.ts";
import { chatSpec } from "../engine/jobs/common.ts";
import { trainMetricsRow, type TrainMetricsRow } from "../engine/jobs/train.ts";
import { scheduleFile } from "../engine/schedule-file.ts";
import { jobSpecs } from "../engine/jobs/index.ts";
import { commitRunFiles, launchOptions, type ResumeChanges } from "./resume-check.ts";
import { composeSchedule } from "./batch-schedule.ts";
import { lossCurvesChart } from "./loss-curves-chart.ts";
import { lossMix, type Mode } from "./modes.ts";
import { readTokenLengths, splitByCutoff } from "./token-lengths.ts";
import type { TrainConfig } from "./train-config.ts";
import { writeTrainingSet } from "./training-set.ts";

export interface TrainPorts {
  progress: StartProgress;
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
  last: TrainMetricsRow | null;
  curves: string;
  resumedFrom: number;
  /** Options a --resume-with-changes run continued with that differ from the interrupted run's. */
  resumeChanges: ResumeChanges;
}

export async function runTrain(c: Readonly<TrainConfig>, ports: TrainPorts): Promise<TrainResult> {
  assertModelDir(c.model);
  const { alpha, ulPerBatch: k } = lossMix(c.mode, c);
  mkdirSync(c.out, { recursive: true });
  // The normalised records go beside the current ones until a resume is known to be allowed.
  const recordsPath = join(c.out, "records.jsonl");
  const nextRecords = join(c.out, "records.next.jsonl");
  const bar = ports.progress(`reading ${c.data}`);
  const set = await writeTrainingSet(c.data, nextRecords, bar);
  bar.finish(`${set.records} records`);
  const ignoredUl = k === 0 ? set.ul.length : 0;
  if (ignoredUl > 0) ports.log(`mode ${c.mode}: ignoring ${ignoredUl} UL records (loss_type 1); only oxa-full trains on them`);
  if (k > 0 && set.ul.length === 0) throw new InputError(`no UL records (loss_type 1), but --mode oxa-full puts ${k} in every batch`, { file: c.data });
  if (c.globalBatch - k > 0 && set.ce.length === 0) throw new InputError("no CE records (loss_type 0)", { file: c.data });

  // The cutoff rule lives here alone: sequences over it never reach the schedule, and the engine
  // trains on whatever the schedule names.
  const chat = chatSpec(c);
  const encoding = { chat, strip_default_system_prompt: c.stripSystemPrompt, append_eos: true };
  const lengthsPath = join(c.out, "lengths.jsonl");
  const counted = await runJob("count-tokens", { model: c.model, input: nextRecords, output: lengthsPath, ...encoding }, { workDir: c.out, progress: ports.progress("counting tokens", set.records) });
  const maxPos = c.maxPositionEmbeddings ?? counted.result.max_position_embeddings;
  if (maxPos !== null && maxPos < c.cutoff) {
    throw new UsageError(`the model's max_position_embeddings (${maxPos}) is below --cutoff ${c.cutoff}: lower --cutoff or raise --max-position-embeddings (with --rope-theta)`);
  }
  const lengths = await readTokenLengths(lengthsPath, set.records);
  const split = splitByCutoff(set.ce, k > 0 ? set.ul : [], lengths, c.cutoff);
  if (split.dropped.ce + split.dropped.ul > 0) ports.log(`dropped ${split.dropped.ce} CE and ${split.dropped.ul} UL sequences over the cutoff of ${c.cutoff} tokens`);

  const batches = composeSchedule(split.ce, split.ul, { globalBatch: c.globalBatch, ulPerBatch: k, epochs: c.epochs, seed: c.seed, wrap: c.wrap });
  if (batches.length === 0) {
    throw new InputError(
      `${split.ce.length} CE and ${split.ul.length} UL usable records cannot fill one global batch of ${c.globalBatch} (${c.globalBatch - k} CE + ${k} UL)${k > 0 && !c.wrap ? "; --wrap lets the shorter pool be used twice" : ""}`,
      { file: c.data },
    );
  }
  const schedulePath = join(c.out, "schedule.json");
  const schedule = scheduleFile.parse({
    version: 1, records: "records.jsonl", n_records: set.records, records_sha256: set.sha256, global_batch: c.globalBatch, ul_per_batch: k,
    epochs: c.epochs, seed: c.seed, wrap: c.wrap, mode: c.mode, cutoff: c.cutoff, dropped: split.dropped, batches,
  });
  const spec = jobSpecs.train.parse({
    ...encoding,
    model: c.model,
    schedule: schedulePath,
    out: c.out,
    seed: c.seed,
    alpha,
    lr: c.lr,
    warmup_ratio: c.warmupRatio,
    weight_decay: c.weightDecay,
    max_grad_norm: c.maxGradNorm,
    micro_batch_size: c.microBatchSize,
    loss_chunk_tokens: c.lossChunkTokens,
    gradient_checkpointing: c.gradientCheckpointing,
    rope_theta: c.ropeTheta,
    max_position_embeddings: c.maxPositionEmbeddings,
    save_every: c.saveEvery,
    keep_checkpoints: c.keepCheckpoints,
    resume: c.resume,
    stop_after: c.stopAfter,
    device: c.device,
    dtype: c.dtype,
  });
  const resumeChanges = commitRunFiles({
    out: c.out, schedule, schedulePath, spec, resume: c.resume, allowChanges: c.resumeWithChanges,
    staged: { next: nextRecords, final: recordsPath }, log: ports.log,
  });

  const done = await runJob(
    "train",
    spec,
    { workDir: c.out, ...launchOptions(c), progress: ports.progress("training", batches.length) },
  );

  const metricsPath = join(c.out, "metrics.jsonl");
  const rows: TrainMetricsRow[] = [];
  for await (const row of readEngineRecords(trainMetricsRow, metricsPath, "train")) rows.push(row);
  const curves = join(c.out, "curves.svg");
  writeFileAtomic(curves, lossCurvesChart(rows, `oxa train --mode ${c.mode}: losses and entropy per step`));
  const result: TrainResult = {
    model: done.result.model,
    out: c.out,
    mode: c.mode,
    steps: rows.length,
    epochs: c.epochs,
    records: { ce: split.ce.length, ul: split.ul.length, droppedOverCutoff: split.dropped, ignoredUl },
    longestSequence: split.longest,
    last: rows.at(-1) ?? null,
    curves,
    resumedFrom: done.result.resumed_from,
    resumeChanges,
  };
  // The file records its paths relative to its own directory (the run may be moved or rerun elsewhere).
  const rel = (p: string | null) => (p === null ? null : pathFrom(c.out, p));
  writeJsonAtomic(join(c.out, "train-summary.json"), { ...result, model: rel(result.model), out: ".", curves: rel(curves) });
  return result;
}
