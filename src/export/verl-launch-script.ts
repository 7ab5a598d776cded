// The generated verl launch script: `python3 -m verl.trainer.main_ppo` with the paper's GRPO values
// (verl-grpo.ts), the exported parquet files, the user's model and our reward module. The verl keys
// are listed once here (launchKeys) so a test can check each against verl's own config schema.
// Paths are absolute: verl's Ray workers do not run in the directory the script was started from.
import { REWARD_URL_ENV } from "./verl-grpo.ts";

export interface LaunchSettings {
  trainFile: string;
  testFile: string;
  /** Model path or hub name; null: the script requires MODEL_PATH from the environment. */
  model: string | null;
  rewardModule: string;
  rewardUrl: string;
  experiment: string;
  rolloutEngine: "vllm" | "sglang";
  gpusPerNode: number;
  nodes: number;
  trainBatchSize: number;
  rollouts: number;
  temperature: number;
  topP: number;
  lr: number;
  weightDecay: number;
  gradClip: number;
  klLossCoef: number;
  klLossType: string;
  entropyCoeff: number;
  clipRatio: number;
  lossAggMode: string;
  maxPromptLength: number;
  maxResponseLength: number;
}

/** A single-quoted shell word. */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** A value as Hydra's override grammar reads it whatever it holds (spaces, quotes, '=', ','): quoted, quotes escaped. */
export function hydraQuote(s: string): string {
  return `'${s.replace(/'/g, "\\'")}'`;
}

/** A Hydra-quoted value as one shell word. */
const path = (s: string) => shellQuote(hydraQuote(s));

const bool = (b: boolean) => (b ? "True" : "False");
/** A float as Hydra should read it: 1 is written 1.0 so it stays a float. */
const float = (x: number) => (Number.isInteger(x) ? x.toFixed(1) : String(x));

/** The verl overrides, in order: [key, value as written in the script]. Shell variables stay unquoted. */
export function launchKeys(s: LaunchSettings): [string, string][] {
  const tokens = s.maxPromptLength + s.maxResponseLength;
  return [
    ["algorithm.adv_estimator", "grpo"],
    ["algorithm.norm_adv_by_std_in_grpo", bool(true)],
    ["algorithm.use_kl_in_reward", bool(false)],
    ["data.train_files", path(s.trainFile)],
    ["data.val_files", path(s.testFile)],
    ["data.prompt_key", "prompt"],
    ["data.train_batch_size", String(s.trainBatchSize)],
    ["data.max_prompt_length", String(s.maxPromptLength)],
    ["data.max_response_length", String(s.maxResponseLength)],
    ["data.filter_overlong_prompts", bool(true)],
    ["data.truncation", "error"],
    ["actor_rollout_ref.model.path", '"$(hydra_quote "$MODEL_PATH")"'],
    ["actor_rollout_ref.actor.optim.lr", float(s.lr)],
    ["actor_rollout_ref.actor.optim.lr_warmup_steps_ratio", "0.0"],
    ["actor_rollout_ref.actor.optim.lr_scheduler_type", "constant"],
    ["actor_rollout_ref.actor.optim.weight_decay", float(s.weightDecay)],
    ["actor_rollout_ref.actor.grad_clip", float(s.gradClip)],
    ["actor_rollout_ref.actor.ppo_mini_batch_size", String(s.trainBatchSize)],
    ["actor_rollout_ref.actor.ppo_epochs", "1"],
    ["actor_rollout_ref.actor.use_dynamic_bsz", bool(true)],
    ["actor_rollout_ref.actor.ppo_max_token_len_per_gpu", String(tokens)],
    ["actor_rollout_ref.actor.use_kl_loss", bool(true)],
    ["actor_rollout_ref.actor.kl_loss_coef", float(s.klLossCoef)],
    ["actor_rollout_ref.actor.kl_loss_type", s.klLossType],
    ["actor_rollout_ref.actor.entropy_coeff", float(s.entropyCoeff)],
    ["actor_rollout_ref.actor.clip_ratio", float(s.clipRatio)],
    ["actor_rollout_ref.actor.clip_ratio_low", float(s.clipRatio)],
    ["actor_rollout_ref.actor.clip_ratio_high", float(s.clipRatio)],
    ["actor_rollout_ref.actor.loss_agg_mode", s.lossAggMode],
    ["actor_rollout_ref.rollout.name", s.rolloutEngine],
    ["actor_rollout_ref.rollout.n", String(s.rollouts)],
    ["actor_rollout_ref.rollout.temperature", float(s.temperature)],
    ["actor_rollout_ref.rollout.top_p", float(s.topP)],
    ["reward.custom_reward_function.path", path(s.rewardModule)],
    ["reward.custom_reward_function.name", "compute_score"],
    ["trainer.n_gpus_per_node", '"$N_GPUS"'],
    ["trainer.nnodes", '"$NNODES"'],
    ["trainer.project_name", "oxa"],
    ["trainer.experiment_name", path(s.experiment)],
    ["trainer.logger", "'[console]'"],
  ];
}

export function launchScript(s: LaunchSettings): string {
  const model = s.model === null ? `\${MODEL_PATH:?set MODEL_PATH to the model to train}` : `\${MODEL_PATH:-${shellQuote(s.model)}}`;
  return [
    "#!/usr/bin/env bash",
    "# verl GRPO with the OXA paper's settings, written by `oxa export verl` (docs/verl.md).",
    "# Start the verifier first, where the trainer's workers can reach it:",
    `#   oxa reward-server --port <port>        then  export ${REWARD_URL_ENV}=http://<host>:<port>`,
    "# Extra arguments are passed on to verl as further overrides (e.g. trainer.total_epochs=2).",
    "set -euo pipefail",
    `MODEL_PATH=${model}`,
    `export ${REWARD_URL_ENV}=\${${REWARD_URL_ENV}:-${shellQuote(s.rewardUrl)}}`,
    "# Hydra reads a quoted value as it is (a path with spaces, quotes or '=')",
    'hydra_quote() { local q="\'" e="\\\\\'"; printf "\'%s\'" "${1//$q/$e}"; }',
    `N_GPUS=\${N_GPUS:-${s.gpusPerNode}}`,
    `NNODES=\${NNODES:-${s.nodes}}`,
    "python3 -m verl.trainer.main_ppo \\",
    ...launchKeys(s).map(([k, v]) => `  ${k}=${v} \\`),
    '  "$@"',
    "",
  ].join("\n");
}
