// train: CE + alpha*UL fine-tuning over a batch schedule composed in TypeScript (src/train).
// The schedule file (engine/schedule-file.ts) says which records go in which global batch and
// has already dropped sequences over the cutoff; this spec says how to optimise.
import { z } from "zod";
import { chat, device } from "./common.ts";

export const trainSpec = z.object({
  model: z.string().describe("model directory to start from"),
  schedule: z.string().describe("schedule.json written by src/train (global batches of record rows)"),
  out: z.string().describe("run directory: metrics.jsonl, checkpoints/step-N/, model/"),
  alpha: z.number().min(0).default(1e-4).describe("UL weight in L = CE + alpha*UL (0 = plain SFT)"),
  lr: z.number().positive().default(2.5e-4).describe("peak learning rate (paper: 2.5e-4 Qwen2.5-Math-1.5B, 5e-5 7B, 2e-4 Llama-3.2-3B / Qwen3-1.7B)"),
  betas: z.tuple([z.number().min(0).lt(1), z.number().min(0).lt(1)]).default([0.9, 0.95]).describe("AdamW betas"),
  weight_decay: z.number().min(0).default(0.1).describe("AdamW weight decay (matrices only)"),
  warmup_ratio: z.number().min(0).max(1).default(0.03).describe("share of steps with linear warmup before the cosine decay"),
  max_grad_norm: z.number().positive().default(1.0).describe("gradient clipping norm"),
  micro_batch_size: z.number().int().min(1).default(1).describe("sequences per forward pass on one process (gradient accumulation covers the rest)"),
  loss_chunk_tokens: z.number().int().min(1).default(2048).describe("tokens whose logits exist at once in the loss"),
  gradient_checkpointing: z.boolean().default(false).describe("recompute layer activations in the backward pass: less memory, more compute"),
  rope_theta: z.number().positive().nullable().default(null).describe("override the model's RoPE theta (paper: 1e6 for Qwen2.5-Math)"),
  max_position_embeddings: z.number().int().positive().nullable().default(null).describe("override the model's context length (paper: 40000 for Qwen2.5-Math)"),
  strip_default_system_prompt: z.boolean().default(true).describe("remove the chat template's default system turn, as the paper did"),
  append_eos: z.boolean().default(true).describe("train on an EOS token after each response, so the model learns to stop"),
  save_every: z.number().int().min(0).default(0).describe("also checkpoint every N steps (0 = at epoch ends only)"),
  save_each_epoch: z.boolean().default(true).describe("checkpoint at the end of each epoch"),
  keep_checkpoints: z.number().int().min(0).default(2).describe("complete checkpoints kept (0 = all)"),
  stop_after: z.number().int().min(1).nullable().default(null).describe("stop after this step, to resume later (the learning-rate plan stays that of the whole schedule)"),
  resume: z.boolean().default(false).describe("continue from the newest complete checkpoint in out/ (same schedule)"),
  seed: z.number().int().default(0).describe("seed of the engine's own randomness (the schedule carries the batch order)"),
  dtype: z.enum(["auto", "float32", "bfloat16"]).default("auto").describe("auto = float32 weights with bf16 autocast on CUDA, float32 on CPU; bfloat16 = pure bf16 weights"),
  chat,
  device,
});

/** The `done` result. */
export const trainResult = z.object({
  model: z.string().nullable().describe("the final model directory; null when stopped early (stop_after)"),
  steps: z.number().int().min(0).describe("the last step trained"),
  resumed_from: z.number().int().min(0).describe("the step a resumed run started after (0 = a fresh run)"),
  metrics: z.string(),
  processes: z.number().int().min(1),
});

/** One line of <out>/metrics.jsonl (also streamed as a `metric` event): the step's losses and rates. */
export const trainMetricsRow = z.object({
  step: z.number().int().min(1),
  epoch: z.number().int().min(0),
  loss: z.number(),
  ce_loss: z.number().nullable(),
  ul_loss: z.number().nullable(),
  weighted_ul: z.number().nullable(),
  entropy_ce: z.number().nullable(),
  entropy_ul: z.number().nullable(),
  lr: z.number(),
  grad_norm: z.number().nullable(),
  tokens: z.number().int().min(0),
  tokens_per_s: z.number(),
});
export type TrainMetricsRow = z.output<typeof trainMetricsRow>;
