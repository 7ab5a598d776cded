// The OXA paper's GRPO settings for verl (from the authors' verl scripts, issue 15), written once:
// the export's flags take their defaults from here and the launch script writes them as verl keys.
// One optimiser update per step: the PPO mini-batch is the whole step's batch of prompts.

export const VERL_GRPO = {
  /** Prompts per step. */
  trainBatchSize: 64,
  /** Rollouts per prompt (the GRPO group). */
  rollouts: 8,
  temperature: 0.85,
  topP: 1.0,
  lr: 2e-6,
  weightDecay: 0.01,
  gradClip: 1.0,
  klLossCoef: 0.001,
  /** k3 = e^(ref−logp) − (ref−logp) − 1, clamped by verl. */
  klLossType: "low_var_kl",
  entropyCoeff: 0,
  clipRatio: 0.2,
  lossAggMode: "token-mean",
  /** The paper's response cap, in tokens. */
  maxResponseLength: 16_384,
  /** Prompt cap in tokens: our prompts are a query plus the reasoning suffix; longer ones are filtered out. */
  maxPromptLength: 1024,
} as const;

/** The environment variable the reward module reads the server's address from. */
export const REWARD_URL_ENV = "OXA_REWARD_URL";
