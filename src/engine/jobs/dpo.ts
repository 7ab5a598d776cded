// dpo and dpo-reference: step-level / outcome-level DPO (Self-Explore) over a pairs file.
//   dpo-reference  the reference model's summed completion log-probs of every pair's chosen and
//                  rejected side, computed once by the scoring path (the score job's Scorer) before
//                  training, so the dpo job holds only the policy in memory.
//   dpo            the policy trained with TRL's sigmoid / IPO / robust losses over a pair schedule
//                  composed in TypeScript (src/dpo), with train's micro-batches, AdamW, cosine
//                  schedule and checkpoints.
// Both build every sequence the same way (engine/oxa_engine/dpo/encode.py): the chat-formatted
// prompt, then the pair's prefix, then the completion (+ EOS for chosen, and for rejected iff
// rejected_eos); only completion tokens are scored.
import { z } from "zod";
import { chat, device, dtype, modelSetup } from "./common.ts";
import { trainSpec } from "./train.ts";

export const DPO_LOSSES = ["sigmoid", "ipo", "robust"] as const;

const encoding = {
  strip_default_system_prompt: trainSpec.shape.strip_default_system_prompt,
  chat,
};

export const dpoReferenceSpec = z.object({
  model: z.string().describe("the reference model directory (Self-Explore: the RFT model DPO starts from)"),
  pairs: z.string().describe("pairs JSONL: {id, prompt, prefix, chosen, rejected, rejected_eos, ...}"),
  output: z.string().describe("JSONL written in input order: {id, chosen_logp, rejected_logp, chosen_tokens, rejected_tokens}"),
  token_budget: z.number().int().min(1).default(16384).describe("tokens per forward batch (rows x longest); lower it if memory is short"),
  max_chunk: z.number().int().min(2).default(8192).describe("longest piece fed at once; longer sequences go in chunks through the KV cache"),
  sort_window: z.number().int().min(1).default(4096).describe("pairs read, length-sorted and scored together (bounds memory)"),
  ...encoding,
  device,
  dtype,
});

export const dpoReferenceResult = z.object({
  ...modelSetup,
  output: z.string(),
  pairs: z.number().int().min(0),
  resumed: z.number().int().min(0).describe("pairs a killed earlier run had finished"),
  seconds: z.number().min(0),
});

/** One line of the reference file, keyed by pair id. */
export const dpoReferenceRecord = z.object({
  id: z.string(),
  chosen_logp: z.number().describe("sum of the reference model's log-probs of the chosen completion tokens (EOS included)"),
  rejected_logp: z.number().describe("the same for the rejected completion (EOS iff rejected_eos)"),
  chosen_tokens: z.number().int().min(1),
  rejected_tokens: z.number().int().min(1),
});
export type DpoReferenceRecord = z.output<typeof dpoReferenceRecord>;

/** dpo-schedule.json: which pairs (0-based lines of the pairs file) go in which global batch. */
export const dpoScheduleFile = z.object({
  version: z.literal(1),
  pairs: z.string().min(1).describe("the pairs JSONL, relative to the schedule's directory or absolute"),
  n_pairs: z.number().int().min(1).describe("lines in the pairs file when the schedule was composed"),
  pairs_sha256: z.string().regex(/^[0-9a-f]{64}$/).describe("sha256 of the pairs file: a resume on changed data is refused"),
  global_batch: z.number().int().min(1).describe("pairs per optimizer step, across all processes"),
  epochs: z.number().int().min(1),
  seed: z.number().int(),
  batches: z
    .array(z.object({ epoch: z.number().int().min(0), rows: z.array(z.number().int().min(0)).min(1) }))
    .min(1)
    .describe("global batches in training order"),
});
export type DpoScheduleFile = z.output<typeof dpoScheduleFile>;

export const dpoSpec = z.object({
  model: z.string().describe("the policy's starting model directory"),
  schedule: z.string().describe("dpo-schedule.json written by src/dpo"),
  reference: z.string().describe("the dpo-reference job's output for the same pairs"),
  out: z.string().describe("run directory: metrics.jsonl, checkpoints/step-N/, model/"),
  loss_type: z.enum(DPO_LOSSES).default("sigmoid").describe("sigmoid (DPO), ipo (IPO, length-normalised log-probs as in TRL) or robust (rDPO); TRL's definitions"),
  beta: z.number().positive().default(0.1).describe("DPO temperature beta (Self-Explore: 0.1)"),
  label_smoothing: z.number().min(0).lt(0.5).default(0).describe("robust only: the assumed share of flipped preference labels (TRL 1.16 reads it in robust alone, so other losses refuse it)"),
  lr: z.number().positive().default(1e-6).describe("peak learning rate (Self-Explore: 1e-6)"),
  betas: trainSpec.shape.betas,
  weight_decay: z.number().min(0).default(0).describe("AdamW weight decay (matrices only; TRL's default is 0)"),
  warmup_ratio: z.number().min(0).max(1).default(0.1).describe("share of steps with linear warmup before the cosine decay (Self-Explore: 10 %)"),
  max_grad_norm: trainSpec.shape.max_grad_norm,
  micro_batch_size: z.number().int().min(1).default(1).describe("pairs per forward pass on one process (each pair is two sequences); gradient accumulation covers the rest"),
  gradient_checkpointing: trainSpec.shape.gradient_checkpointing,
  save_every: trainSpec.shape.save_every,
  save_each_epoch: trainSpec.shape.save_each_epoch,
  keep_checkpoints: trainSpec.shape.keep_checkpoints,
  stop_after: trainSpec.shape.stop_after,
  resume: trainSpec.shape.resume,
  seed: trainSpec.shape.seed,
  dtype: trainSpec.shape.dtype,
  ...encoding,
  device,
});

export const dpoResult = z.object({
  model: z.string().nullable().describe("the final model directory; null when stopped early (stop_after)"),
  steps: z.number().int().min(0).describe("the last step trained"),
  resumed_from: z.number().int().min(0),
  metrics: z.string(),
  processes: z.number().int().min(1),
});

/** One line of <out>/metrics.jsonl (also a `metric` event), named as TRL's DPOTrainer logs them. */
export const dpoMetricsRow = z.object({
  step: z.number().int().min(1),
  epoch: z.number().int().min(0),
  loss: z.number().describe("mean over the global batch's pairs of the per-pair loss"),
  "rewards/chosen": z.number().describe("mean of beta * (policy - reference) chosen log-prob"),
  "rewards/rejected": z.number(),
  "rewards/accuracies": z.number().describe("share of pairs whose chosen reward exceeds the rejected one"),
  "rewards/margins": z.number().describe("mean of chosen minus rejected reward"),
  "logps/chosen": z.number().describe("mean policy log-prob (summed over completion tokens) of the chosen side"),
  "logps/rejected": z.number(),
  lr: z.number(),
  grad_norm: z.number().nullable(),
  tokens: z.number().int().min(0),
  tokens_per_s: z.number(),
});
export type DpoMetricsRow = z.output<typeof dpoMetricsRow>;
