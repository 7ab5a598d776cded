// train: CE + alpha*UL fine-tuning over a batch schedule composed in TypeScript (src/train).
import { z } from "zod";
import { chat, device } from "./common.ts";

export const trainSpec = z.object({
  model: z.string().describe("model directory to start from"),
  schedule: z.string().describe("schedule.json written by src/train (global batches of record rows)"),
  out: z.string().describe("run directory: metrics.jsonl, checkpoints/step-N/, model/"),
  alpha: z.number().min(0).default(1e-4).describe("weight of the unlikelihood loss: L = CE + alpha*UL"),
  lr: z.number().positive().default(2.5e-4).describe("peak learning rate"),
  betas: z.tuple([z.number().min(0).lt(1), z.number().min(0).lt(1)]).default([0.9, 0.95]).describe("AdamW betas"),
  weight_decay: z.number().min(0).default(0.1),
  warmup_ratio: z.number().min(0).max(1).default(0.03).describe("share of steps with linear warmup before the cosine decay"),
  max_grad_norm: z.number().positive().default(1.0).describe("gradient clipping norm"),
  micro_batch_size: z.number().int().min(1).default(1).describe("sequences per forward pass on one process"),
  loss_chunk_tokens: z.number().int().min(1).default(2048).describe("tokens whose logits exist at once in the loss"),
  gradient_checkpointing: z.boolean().default(false).describe("recompute layer activations in the backward pass"),
  cutoff: z.number().int().min(1).default(32768).describe("longest sequence (prompt + response tokens) allowed"),
  rope_theta: z.number().positive().nullable().default(null).describe("override the model's RoPE base (null = keep)"),
  max_position_embeddings: z.number().int().positive().nullable().default(null).describe("override the model's context length (null = keep)"),
  strip_default_system_prompt: z.boolean().default(true).describe("remove the chat template's default system turn (the paper did)"),
  append_eos: z.boolean().default(true).describe("train on an EOS token after each response, so the model learns to stop"),
  save_every: z.number().int().min(0).default(0).describe("checkpoint every N steps (0 = only at epoch ends and the end)"),
  save_each_epoch: z.boolean().default(true).describe("checkpoint at the end of each epoch"),
  keep_checkpoints: z.number().int().min(0).default(2).describe("complete checkpoints kept (0 = all)"),
  stop_after: z.number().int().min(1).nullable().default(null).describe("stop after this step (resume later); the learning-rate plan stays that of the whole schedule"),
  resume: z.boolean().default(false).describe("continue from the newest complete checkpoint in out/"),
  seed: z.number().int().default(0),
  dtype: z.enum(["auto", "float32", "bfloat16"]).default("auto").describe("auto = float32 weights with bf16 autocast on CUDA, float32 on CPU; bfloat16 = pure bf16 weights"),
  chat,
  device,
});
