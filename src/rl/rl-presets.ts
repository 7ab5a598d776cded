// Run sizes for `oxa rl --preset`. "paper" is the OXA authors' verl run (64 prompts x 8 rollouts a
// step, 16,384 new tokens, 1,600 steps for the 1.5B model, lr 2e-6 — the engine spec's defaults);
// the others scale it down for small models on one machine. A preset fills only the fields the user
// did not set; every other GRPO default stays the spec's (src/engine/jobs/rl.ts).
import { rlSpec } from "../engine/jobs/rl.ts";

export interface RlSizes {
  steps: number;
  promptsPerStep: number;
  n: number;
  maxNewTokens: number;
  lr: number;
}

const E = rlSpec.shape;
const paperLr = E.lr.parse(undefined);

export const RL_PRESETS = {
  paper: { steps: 1600, promptsPerStep: 64, n: E.n.parse(undefined), maxNewTokens: E.max_new_tokens.parse(undefined), lr: paperLr },
  // a few hundred steps of a ~100M-parameter model on one GPU
  small: { steps: 200, promptsPerStep: 16, n: 8, maxNewTokens: 1024, lr: 1e-6 },
  // the built-in world's tiny models on a CPU in minutes: short answers, a larger step size
  tiny: { steps: 30, promptsPerStep: 8, n: 8, maxNewTokens: 96, lr: 1e-4 },
} as const satisfies Record<string, RlSizes>;

export type RlPreset = keyof typeof RL_PRESETS;
export const RL_PRESET_NAMES = Object.keys(RL_PRESETS) as [RlPreset, ...RlPreset[]];
