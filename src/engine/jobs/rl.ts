// rl: GRPO on the engine with rewards from TypeScript. The engine loads the policy (and a frozen
// reference when the KL coefficient is > 0) once, and per step samples n rollouts for each prompt
// the step schedule names, writes them to a file and emits a `rollouts` event; TypeScript verifies
// them and writes the rewards file the engine is waiting for; the engine computes advantages, the
// loss and one optimiser update, and appends a metrics row. docs/rl.md describes the channel.
// Every GRPO default (the OXA authors' verl values) is written here once.
import { z } from "zod";
import { chat, device } from "./common.ts";

export const rlSpec = z.object({
  model: z.string().describe("model directory to start from (also the KL reference)"),
  prompts: z.string().describe("JSONL of {id, prompt}: the training prompts the schedule names"),
  schedule: z.string().describe("rl-schedule.json written by src/rl: the prompt ids of every step"),
  validation: z.string().nullable().default(null).describe("JSONL of {id, prompt}: held-out prompts sampled every eval_every steps (null = none)"),
  eval_every: z.number().int().min(0).default(0).describe("validation rollouts every N steps, and before the first (0 = never)"),
  validation_temperature: z.number().min(0).default(0).describe("temperature of validation rollouts (0 = greedy: Pass@1 of the greedy answer)"),
  out: z.string().describe("run directory: metrics.jsonl, validation.jsonl, rollouts/, checkpoints/step-N/, model/"),
  n: z.number().int().min(2).default(8).describe("rollouts per prompt (a group); at least 2 so a group has a spread"),
  temperature: z.number().gt(0).default(0.85).describe("rollout sampling temperature; log-probs and entropy are taken at it too"),
  top_p: z.number().gt(0).max(1).default(1).describe("rollout nucleus sampling"),
  max_new_tokens: z.number().int().min(1).default(16384).describe("response length cap; a rollout that reaches it is truncated (paper: 16,384)"),
  generation_batch_size: z.number().int().min(1).default(64).describe("rollouts decoded together (does not change them)"),
  scale_rewards: z.enum(["group", "batch", "none"]).default("group").describe("advantage = reward - group mean, divided by the group's std, the batch's std, or nothing (Dr. GRPO)"),
  loss_agg: z.enum(["token-mean", "seq-mean-token-mean", "seq-mean-token-sum-norm"]).default("token-mean").describe("loss aggregation; seq-mean-token-sum-norm is Dr. GRPO's constant normaliser max_new_tokens"),
  eps_low: z.number().min(0).max(1).default(0.2).describe("clip ratio below 1 (PPO's epsilon)"),
  eps_high: z.number().min(0).default(0.2).describe("clip ratio above 1 (DAPO's clip-higher raises it, e.g. 0.28)"),
  kl_coef: z.number().min(0).default(0.001).describe("KL loss coefficient (0 = no reference model is loaded)"),
  kl_estimator: z.enum(["k1", "k2", "k3"]).default("k3").describe("per-token KL estimator; k3 = e^(ref-logp) - (ref-logp) - 1, clamped as verl does"),
  lr: z.number().positive().default(2e-6).describe("learning rate, constant, no warm-up"),
  betas: z.tuple([z.number().min(0).lt(1), z.number().min(0).lt(1)]).default([0.9, 0.999]).describe("AdamW betas"),
  weight_decay: z.number().min(0).default(0.01).describe("AdamW weight decay (matrices only)"),
  max_grad_norm: z.number().positive().default(1.0).describe("gradient clipping norm"),
  micro_batch_size: z.number().int().min(1).default(8).describe("rollouts per forward/backward pass (does not change the gradient)"),
  save_every: z.number().int().min(0).default(0).describe("checkpoint every N steps (0 = only at the end); resume restarts after the newest"),
  keep_checkpoints: z.number().int().min(0).default(2).describe("complete checkpoints kept (0 = all)"),
  stop_after: z.number().int().min(1).nullable().default(null).describe("stop after this step, to resume later"),
  resume: z.boolean().default(false).describe("continue from the newest complete checkpoint in out/ (same schedule)"),
  seed: z.number().int().default(0).describe("rollout i of prompt p at step s draws from a generator seeded by (seed, s, p, i)"),
  reward_timeout_s: z.number().positive().default(3600).describe("how long the engine waits for a step's rewards file"),
  dtype: z.enum(["auto", "float32", "bfloat16"]).default("auto").describe("auto = float32 on CPU, bfloat16 weights on CUDA"),
  strip_default_system_prompt: z.boolean().default(true).describe("remove the chat template's default system turn, as the paper did"),
  chat,
  device,
});
export type RlSpec = z.output<typeof rlSpec>;

/** rl-schedule.json: the prompt ids of every step, composed (seeded) by src/rl. */
export const rlScheduleFile = z.object({
  version: z.literal(1),
  prompts_sha256: z.string().regex(/^[0-9a-f]{64}$/).describe("sha256 of the prompts file: a resume on changed data is refused"),
  seed: z.number().int(),
  steps: z.array(z.array(z.string()).min(1)).min(1).describe("per step, the ids of its prompts (each gets n rollouts)"),
});
export type RlScheduleFile = z.output<typeof rlScheduleFile>;

/** The `rollouts` event's payload: which file to read and which to write. */
export const rlRolloutsEvent = z.object({
  type: z.literal("rollouts"),
  step: z.number().int().min(0).describe("the training step (validation rollouts: the step they follow)"),
  kind: z.enum(["train", "validation"]),
  path: z.string().describe("JSONL of rolloutRecord lines"),
  rewards: z.string().describe("where the engine waits for the rewards file (write it atomically)"),
});
export type RlRolloutsEvent = z.output<typeof rlRolloutsEvent>;

/** One line of a rollouts file. */
export const rolloutRecord = z.object({
  id: z.string(),
  sample: z.number().int().min(0),
  text: z.string().describe("the response (stop token excluded)"),
  n_tokens: z.number().int().min(0),
  finish_reason: z.enum(["stop", "length"]),
});
export type RolloutRecord = z.output<typeof rolloutRecord>;

/** One line of a rewards file, for each line of the rollouts file (any order). */
export const rewardRecord = z.object({
  id: z.string(),
  sample: z.number().int().min(0),
  reward: z.number().describe("the scalar reward (finite)"),
  use: z.boolean().describe("false = leave this rollout's tokens out of the loss (overlong masking); it still counts in its group's mean and std"),
});
export type RewardRecord = z.output<typeof rewardRecord>;

export const rlResult = z.object({
  model: z.string().nullable().describe("the final model directory; null when stopped early"),
  steps: z.number().int().min(0),
  resumed_from: z.number().int().min(0),
  metrics: z.string(),
});

/** One line of <out>/metrics.jsonl (also a `metric` event). Lengths are in tokens. */
export const rlMetricsRow = z.object({
  step: z.number().int().min(1),
  reward_mean: z.number(),
  reward_std: z.number(),
  zero_variance_groups: z.number().describe("share of groups whose rewards are all equal"),
  entropy: z.number().describe("mean per-token entropy of the policy at the rollout temperature"),
  kl: z.number().nullable().describe("mean per-token KL estimate to the reference (null without one)"),
  clip_low: z.number().describe("share of tokens clipped below (ratio < 1-eps_low, A < 0)"),
  clip_high: z.number().describe("share of tokens clipped above (ratio > 1+eps_high, A > 0)"),
  loss: z.number(),
  grad_norm: z.number(),
  lr: z.number(),
  response_length_mean: z.number(),
  response_length_max: z.number().int(),
  truncated: z.number().describe("share of rollouts that hit max_new_tokens"),
  masked: z.number().describe("share of rollouts left out of the loss"),
  tokens: z.number().int().min(0),
  rollout_s: z.number(),
  reward_s: z.number(),
  update_s: z.number(),
});
export type RlMetricsRow = z.output<typeof rlMetricsRow>;

/** One line of <out>/validation.jsonl. */
export const rlValidationRow = z.object({
  step: z.number().int().min(0),
  pass_at_1: z.number().describe("mean reward of the validation rollouts (1/0 rewards: Pass@1)"),
  n: z.number().int().min(1),
  response_length_mean: z.number(),
});
export type RlValidationRow = z.output<typeof rlValidationRow>;
