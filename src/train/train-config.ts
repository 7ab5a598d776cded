// The config of the `oxa train` stage. The batch-composition options (mode, global batch, UL per
// batch, epochs, cutoff, ...) are written here; the optimisation options are the engine train
// spec's own fields (engine/jobs/train.ts), reused under their camelCase names, so each default
// and bound is written once.
import { z } from "zod";
import { trainSpec as E } from "../engine/jobs/train.ts";
import { chatFlags, device } from "../engine/jobs/common.ts";
import { MODES } from "./modes.ts";

export const trainConfig = z
  .object({
    data: z.string().describe("mixed training file (.jsonl, .json or .parquet) of {id, prompt, response, loss_type: 0 CE | 1 UL}"),
    model: z.string().describe("model directory to fine-tune"),
    out: z.string().describe("run directory (schedule, metrics, curves, checkpoints/, model/)"),
    mode: z.enum(MODES).default("oxa-full").describe("sft / oxa-mle: CE only (alpha = 0, no UL records); oxa-full: --ul-per-batch UL records in every global batch, weighted by --alpha"),
    globalBatch: z.number().int().positive().default(128).describe("sequences per optimizer step, across all processes"),
    ulPerBatch: z.number().int().min(0).default(16).describe("UL sequences in every global batch (oxa-full)"),
    epochs: z.number().int().positive().default(6).describe("passes over the data (paper: 6)"),
    wrap: z.boolean().default(false).describe("when one pool runs out, reuse it once (reshuffled) instead of ending the epoch"),
    cutoff: z.number().int().positive().default(32768).describe("drop (never truncate) sequences longer than this many tokens"),
    alpha: E.shape.alpha,
    lr: E.shape.lr,
    warmupRatio: E.shape.warmup_ratio,
    weightDecay: E.shape.weight_decay,
    maxGradNorm: E.shape.max_grad_norm,
    microBatchSize: E.shape.micro_batch_size,
    lossChunkTokens: E.shape.loss_chunk_tokens,
    gradientCheckpointing: E.shape.gradient_checkpointing,
    ropeTheta: E.shape.rope_theta,
    maxPositionEmbeddings: E.shape.max_position_embeddings,
    stripSystemPrompt: E.shape.strip_default_system_prompt,
    ...chatFlags,
    saveEvery: E.shape.save_every,
    keepCheckpoints: E.shape.keep_checkpoints,
    resume: E.shape.resume,
    resumeWithChanges: z.boolean().default(false).describe("with --resume: accept optimisation options that differ from the interrupted run's (they are listed and recorded); changed data or batches are never accepted"),
    stopAfter: E.shape.stop_after,
    seed: z.number().int().default(0).describe("seed of the batch schedule (epoch e shuffles with seed + e) and of the engine"),
    processes: z.number().int().positive().default(1).describe("data-parallel processes; >1 runs under `accelerate launch`"),
    accelerateConfig: z.string().optional().describe("accelerate config file for several processes (DeepSpeed ZeRO / FSDP: examples/accelerate/)"),
    device,
    dtype: E.shape.dtype,
  })
  .refine((c) => c.mode !== "oxa-full" || (c.ulPerBatch > 0 && c.ulPerBatch < c.globalBatch), {
    message: "--mode oxa-full needs 0 < --ul-per-batch < --global-batch",
    path: ["ulPerBatch"],
  })
  .refine((c) => c.globalBatch % c.processes === 0, { message: "--global-batch must be a multiple of --processes", path: ["globalBatch"] });

export type TrainConfig = z.output<typeof trainConfig>;
