// The `dpo` stage with its I/O: check and copy the pairs, compose the pair schedule, compute the
// reference log-probs once (engine dpo-reference job: the scoring path, the reference model alone
// in memory), train the policy (engine dpo job: the policy alone in memory), draw the curves.
// Everything lands in the run directory:
//   pairs.jsonl dpo-schedule.json reference.jsonl metrics.jsonl curves.svg dpo-summary.json
//   checkpoints/step-N/ (model dir + trainer state)   model/ (the final model)
import { existsSync, readFileSync, mkdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { writeFileAtomic, writeJsonAtomic } from "../io/atomic.ts";
import { InputError } from "../io/errors.ts";
import type { StartProgress } from "../io/progress.ts";
import { runJob } from "../engine/run-job.ts";
import { assertModelDir } from "../engine/model-dir.ts";
import { readEngineRecords } from "../engine/engine-output.ts";
import { chatSpec } from "../engine/jobs/common.ts";
import { dpoMetricsRow, dpoScheduleFile, type DpoMetricsRow } from "../engine/jobs/dpo.ts";
import { jobSpecs } from "../engine/jobs/index.ts";
import { commitRunFiles, composeSchedule, launchOptions } from "../train/index.ts";
import { dpoCurvesChart } from "./dpo-curves-chart.ts";
import type { DpoConfig } from "./dpo-config.ts";
import { copyPairs, type PairsCopy } from "./pairs-file.ts";
import { DPO_RESUME_FILES, type ResumeChanges } from "./resume-check.ts";

export interface DpoPorts {
  progress: StartProgress;
  log: (message: string) => void;
}

export interface DpoResult {
  model: string | null;
  out: string;
  reference: string;
  lossType: DpoConfig["lossType"];
  beta: number;
  pairs: PairsCopy["pairs"];
  kinds: PairsCopy["kinds"];
  steps: number;
  epochs: number;
  referenceReused: boolean;
  last: DpoMetricsRow | null;
  curves: string;
  resumedFrom: number;
  resumeChanges: ResumeChanges;
}

const sameSpec = (path: string, spec: unknown): boolean => {
  if (!existsSync(path)) return false;
  try {
    const { protocol: _p, job: _j, ...old } = JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
    return JSON.stringify(old) === JSON.stringify(spec);
  } catch {
    return false;
  }
};

export async function runDpo(c: Readonly<DpoConfig>, ports: DpoPorts): Promise<DpoResult> {
  const reference = c.reference ?? c.model;
  assertModelDir(c.model);
  if (reference !== c.model) assertModelDir(reference);
  mkdirSync(c.out, { recursive: true });
  // The checked copy goes beside the current one until a resume is known to be allowed.
  const pairsPath = resolve(c.out, "pairs.jsonl");
  const nextPairs = join(c.out, "pairs.next.jsonl");
  const bar = ports.progress(`reading ${c.pairs}`);
  const copy = await copyPairs(c.pairs, nextPairs, bar);
  bar.finish(`${copy.pairs} pairs`);
  const rows = Array.from({ length: copy.pairs }, (_, i) => i);
  const batches = composeSchedule(rows, [], { globalBatch: c.globalBatch, ulPerBatch: 0, epochs: c.epochs, seed: c.seed, wrap: false });
  if (batches.length === 0) {
    rmSync(nextPairs, { force: true });
    throw new InputError(`${copy.pairs} pairs cannot fill one global batch of ${c.globalBatch}: lower --global-batch`, { file: c.pairs });
  }
  const schedulePath = join(c.out, "dpo-schedule.json");
  const schedule = dpoScheduleFile.parse({
    version: 1, pairs: "pairs.jsonl", n_pairs: copy.pairs, pairs_sha256: copy.sha256, global_batch: c.globalBatch, epochs: c.epochs, seed: c.seed, batches,
  });
  const encoding = { chat: chatSpec(c), strip_default_system_prompt: c.stripSystemPrompt };
  const referencePath = join(c.out, "reference.jsonl");
  const refSpec = jobSpecs["dpo-reference"].parse({ ...encoding, model: reference, pairs: pairsPath, output: referencePath, token_budget: c.referenceTokenBudget, device: c.device, dtype: c.dtype === "bfloat16" ? "bfloat16" : "float32" });
  const spec = jobSpecs.dpo.parse({
    ...encoding,
    model: c.model,
    schedule: schedulePath,
    reference: referencePath,
    out: c.out,
    loss_type: c.lossType,
    beta: c.beta,
    label_smoothing: c.labelSmoothing,
    lr: c.lr,
    warmup_ratio: c.warmupRatio,
    weight_decay: c.weightDecay,
    max_grad_norm: c.maxGradNorm,
    micro_batch_size: c.microBatchSize,
    gradient_checkpointing: c.gradientCheckpointing,
    save_every: c.saveEvery,
    keep_checkpoints: c.keepCheckpoints,
    resume: c.resume,
    stop_after: c.stopAfter,
    seed: c.seed,
    device: c.device,
    dtype: c.dtype,
  });
  const resumeChanges = commitRunFiles({
    out: c.out, schedule, schedulePath, spec, resume: c.resume, allowChanges: c.resumeWithChanges, files: DPO_RESUME_FILES,
    staged: { next: nextPairs, final: pairsPath }, log: ports.log,
  });

  // Reference log-probs once per run: a resumed run keeps the file computed for the same pairs and settings.
  const referenceReused = c.resume && existsSync(referencePath) && sameSpec(join(c.out, "dpo-reference.spec.json"), refSpec);
  if (referenceReused) ports.log(`--resume: reusing the reference log-probs in ${referencePath}`);
  else await runJob("dpo-reference", refSpec, { workDir: c.out, progress: ports.progress("reference log-probs", copy.pairs) });

  const done = await runJob("dpo", spec, {
    workDir: c.out, ...launchOptions(c), progress: ports.progress("training", batches.length),
  });

  const metrics: DpoMetricsRow[] = [];
  for await (const row of readEngineRecords(dpoMetricsRow, join(c.out, "metrics.jsonl"), "dpo")) metrics.push(row);
  const curves = join(c.out, "curves.svg");
  writeFileAtomic(curves, dpoCurvesChart(metrics, `oxa dpo --loss-type ${c.lossType} (beta ${c.beta}): loss and rewards per step`));
  const result: DpoResult = {
    model: done.result.model,
    out: c.out,
    reference,
    lossType: c.lossType,
    beta: c.beta,
    pairs: copy.pairs,
    kinds: copy.kinds,
    steps: metrics.length,
    epochs: c.epochs,
    referenceReused,
    last: metrics.at(-1) ?? null,
    curves,
    resumedFrom: done.result.resumed_from,
    resumeChanges,
  };
  writeJsonAtomic(join(c.out, "dpo-summary.json"), result);
  return result;
}
