// The config of the `oxa export` stage: which framework (verl, openrlhf), the prompts + gold answers,
// the split, and verl's launch script settings (the paper's GRPO values from verl-grpo.ts).
import { z } from "zod";
import { systemPrompt } from "../engine/jobs/common.ts";
import { REASONING_SUFFIX } from "../mix/index.ts";
import { VERL_GRPO as G } from "./verl-grpo.ts";

export const EXPORT_TARGETS = ["verl", "openrlhf"] as const;

export const exportConfig = z.object({
  target: z.enum(EXPORT_TARGETS).describe("the framework to export for: verl (its RL parquet and a GRPO launch script) or openrlhf (prompt/label JSONL)"),
  input: z.string().describe("prompts with gold answers: .jsonl, .json or .parquet"),
  out: z.string().describe("the folder for the train and test files (verl: train.parquet, test.parquet and the launch script; openrlhf: train.jsonl, test.jsonl)"),
  queryField: z.string().default("query").describe("field holding the query (the problem text)"),
  goldField: z.string().default("gold").describe("field holding the gold answer (a string or a number)"),
  idField: z.string().default("id").describe("field holding the row's own id, kept as extra_info.source_id when present"),
  name: z.string().optional().describe("the dataset's name: data_source is oxa/<name> (default: the input file's name without extension)"),
  dataSource: z.string().min(1).optional().describe("data_source as it is, instead of oxa/<name>"),
  ability: z.string().min(1).default("math").describe("the ability column"),
  suffix: z.string().default(REASONING_SUFFIX).describe("appended to each query to make the prompt, as oxa mix does (\"\" for none)"),
  systemPrompt,
  testSize: z.number().min(0).default(0.1).describe("rows held out for test.parquet: a count (1 or more) or a fraction below 1"),
  seed: z.number().int().default(0).describe("seed of the train/test split"),
  launchScript: z.string().optional().describe("where the verl launch script goes (default: <out>/run-verl-grpo.sh)"),
  model: z.string().optional().describe("the model to train, written into the launch script (default: the script requires MODEL_PATH)"),
  rewardUrl: z.string().default("http://127.0.0.1:8000").describe("the reward server's address the script exports as OXA_REWARD_URL (the environment variable overrides it)"),
  rewardModule: z.string().optional().describe("the reward module verl loads (default: integrations/verl/oxa_reward.py of this checkout)"),
  rolloutEngine: z.enum(["vllm", "sglang"]).default("vllm").describe("verl's rollout engine"),
  gpusPerNode: z.number().int().positive().default(8).describe("GPUs per node (the script's N_GPUS overrides it)"),
  nodes: z.number().int().positive().default(1).describe("nodes (the script's NNODES overrides it)"),
  trainBatchSize: z.number().int().positive().default(G.trainBatchSize).describe("prompts per GRPO step (also the PPO mini-batch: one update per step)"),
  rollouts: z.number().int().positive().default(G.rollouts).describe("rollouts per prompt (the group)"),
  temperature: z.number().positive().default(G.temperature).describe("rollout temperature"),
  topP: z.number().gt(0).max(1).default(G.topP).describe("rollout top-p"),
  lr: z.number().positive().default(G.lr).describe("learning rate (constant, no warm-up)"),
  weightDecay: z.number().min(0).default(G.weightDecay).describe("AdamW weight decay"),
  gradClip: z.number().positive().default(G.gradClip).describe("gradient norm clip"),
  klLossCoef: z.number().min(0).default(G.klLossCoef).describe("coefficient of the KL loss against the reference model"),
  klLossType: z.enum(["kl", "k1", "abs", "mse", "k2", "low_var_kl", "k3"]).default(G.klLossType).describe("verl's KL estimator (low_var_kl is k3)"),
  entropyCoeff: z.number().min(0).default(G.entropyCoeff).describe("entropy bonus (the paper: none)"),
  clipRatio: z.number().positive().default(G.clipRatio).describe("PPO clip ratio (low and high)"),
  lossAggMode: z.enum(["token-mean", "token-sum", "seq-mean-token-sum", "seq-mean-token-mean", "seq-mean-token-sum-norm"]).default(G.lossAggMode).describe("how token losses are aggregated"),
  maxPromptLength: z.number().int().positive().default(G.maxPromptLength).describe("prompt cap in tokens (longer prompts are filtered out by verl)"),
  maxResponseLength: z.number().int().positive().default(G.maxResponseLength).describe("response cap in tokens (the paper: 16,384)"),
});

export type ExportConfig = z.output<typeof exportConfig>;
