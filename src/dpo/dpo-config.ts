// The config of the `oxa dpo` stage. The pair schedule (global batch, epochs, seed) is composed
// here; the losses and optimisation options are the engine dpo spec's own fields
// (engine/jobs/dpo.ts), reused under their camelCase names, so each default and bound is written once.
import { z } from "zod";
import { dpoReferenceSpec as R, dpoSpec as E } from "../engine/jobs/dpo.ts";
import { chatFlags, device } from "../engine/jobs/common.ts";

export const dpoConfig = z
  .object({
    pairs: z.string().describe("pairs JSONL from `oxa pairs`: {id, prompt, prefix, chosen, rejected, rejected_eos, ...}"),
    model: z.string().describe("model directory the policy starts from (Self-Explore: the RFT model)"),
    reference: z.string().nullable().default(null).describe("reference model directory (default: --model, as Self-Explore)"),
    out: z.string().describe("run directory (pairs copy, schedule, reference log-probs, metrics, curves, checkpoints/, model/)"),
    lossType: E.shape.loss_type,
    beta: E.shape.beta,
    labelSmoothing: E.shape.label_smoothing,
    globalBatch: z.number().int().positive().default(32).describe("pairs per optimizer step, across all processes"),
    epochs: z.number().int().positive().default(3).describe("passes over the pairs (Self-Explore: 3); each reshuffled with seed + epoch"),
    lr: E.shape.lr,
    warmupRatio: E.shape.warmup_ratio,
    weightDecay: E.shape.weight_decay,
    maxGradNorm: E.shape.max_grad_norm,
    microBatchSize: E.shape.micro_batch_size,
    gradientCheckpointing: E.shape.gradient_checkpointing,
    referenceTokenBudget: R.shape.token_budget,
    stripSystemPrompt: E.shape.strip_default_system_prompt,
    ...chatFlags,
    saveEvery: E.shape.save_every,
    keepCheckpoints: E.shape.keep_checkpoints,
    resume: E.shape.resume,
    resumeWithChanges: z.boolean().default(false).describe("with --resume: accept optimisation options that differ from the interrupted run's (they are listed and recorded); changed pairs or batches are never accepted"),
    stopAfter: E.shape.stop_after,
    seed: z.number().int().default(0).describe("seed of the pair schedule (epoch e shuffles with seed + e) and of the engine"),
    processes: z.number().int().positive().default(1).describe("data-parallel processes; >1 runs under `accelerate launch`"),
    accelerateConfig: z.string().optional().describe("accelerate config file for several processes (DeepSpeed ZeRO / FSDP: examples/accelerate/)"),
    device,
    dtype: E.shape.dtype,
  })
  .refine((c) => c.labelSmoothing === 0 || c.lossType === "robust", {
    message: "--label-smoothing is used by --loss-type robust only (TRL's definitions); sigmoid and ipo would ignore it",
    path: ["labelSmoothing"],
  })
  .refine((c) => c.globalBatch % c.processes === 0, { message: "--global-batch must be a multiple of --processes", path: ["globalBatch"] });

export type DpoConfig = z.output<typeof dpoConfig>;
