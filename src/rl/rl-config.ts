// The config of the `oxa rl` stage. GRPO's options reuse the engine spec's fields (each default
// written once in src/engine/jobs/rl.ts); run sizes come from --preset unless given; the reward's
// verifier options are verify's (--verify-mode, --verify-think, ...), as in eval.
import { z } from "zod";
import { chatFlags, device } from "../engine/jobs/common.ts";
import { rlSpec } from "../engine/jobs/rl.ts";
import { verifyOptionsSchema as V } from "../verify/index.ts";
import { RL_PRESET_NAMES } from "./rl-presets.ts";

const E = rlSpec.shape;
const fromPreset = (what: string) => `${what} (default: the preset's)`;

export const rlConfig = z.object({
  prompts: z.string().describe("training prompts with gold answers: .jsonl, .json or .parquet, our rows ({id?, query|problem|question|prompt, gold|answer}) or verl's RL parquet rows"),
  model: z.string().describe("model directory to start from (the SFT model); also the KL reference"),
  out: z.string().describe("run directory: metrics.jsonl, validation.jsonl, curves.svg, rl-summary.json, rollouts/, checkpoints/, model/"),
  validation: z.string().optional().describe("held-out prompts with gold answers (same shapes): Pass@1 every --eval-every steps"),
  preset: z.enum(RL_PRESET_NAMES).default("tiny").describe("run sizes: paper (64 prompts x 8 rollouts, 16,384 tokens, 1,600 steps, lr 2e-6), small, tiny (the built-in world on a CPU)"),
  steps: z.number().int().min(1).optional().describe(fromPreset("optimiser steps (one update per step)")),
  promptsPerStep: z.number().int().min(1).optional().describe(fromPreset("prompts per step, drawn by seeded epoch shuffles")),
  n: E.n.removeDefault().optional().describe(fromPreset("rollouts per prompt (at least 2)")),
  maxNewTokens: E.max_new_tokens.removeDefault().optional().describe(fromPreset("response length cap in tokens")),
  lr: E.lr.removeDefault().optional().describe(fromPreset("learning rate, constant, no warm-up")),
  temperature: E.temperature,
  topP: E.top_p,
  scaleRewards: E.scale_rewards,
  lossAgg: E.loss_agg,
  epsLow: E.eps_low,
  epsHigh: E.eps_high,
  klCoef: E.kl_coef,
  klEstimator: E.kl_estimator,
  weightDecay: E.weight_decay,
  maxGradNorm: E.max_grad_norm,
  microBatchSize: E.micro_batch_size,
  generationBatchSize: E.generation_batch_size,
  overlong: z.enum(["zero-reward", "mask", "none"]).default("zero-reward").describe("a rollout cut at the length cap: reward 0 (the paper's setting), left out of the loss (mask), or treated as any other (none)"),
  formatReward: z.number().min(0).default(0).describe("added to the reward of a response with a closing </think> followed by a \\boxed{} answer (0 = none, the paper's setting)"),
  verifyMode: V.shape.mode.removeDefault().default("strict").describe("strict (the default here): only a \\boxed{} answer earns reward; lenient: without a box, the answer a careful reader would take"),
  verifyThink: V.shape.think.removeDefault().default("require").describe("require (the default here, the paper's reward): the answer is read after the last </think> and a response without one scores 0; after: the same, but a response with no think tags at all is read whole; ignore: read the whole response"),
  verifyListOrder: V.shape.listOrder,
  verifyTimeoutMs: V.shape.timeoutMs,
  verifyWorkers: z.number().int().min(1).optional().describe("verifier worker threads (default: one per core, less one)"),
  evalEvery: E.eval_every.describe("validation Pass@1 every N steps, before the first and after the last (0 = never; needs --validation)"),
  validationTemperature: E.validation_temperature,
  promptField: z.string().optional().describe("field holding the question (default: the first of query, problem, question, prompt)"),
  goldField: z.string().optional().describe("field holding the gold answer (default: gold, else answer)"),
  promptSuffix: z.enum(["reasoning", "none"]).default("reasoning").describe("append mix's reasoning instruction to our rows' questions (verl rows are used as they are)"),
  seed: E.seed,
  saveEvery: E.save_every,
  keepCheckpoints: E.keep_checkpoints,
  resume: E.resume,
  stopAfter: E.stop_after,
  ...chatFlags,
  stripSystemPrompt: E.strip_default_system_prompt,
  device,
  dtype: E.dtype,
});

export type RlConfig = z.output<typeof rlConfig>;
