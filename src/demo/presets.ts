// Sizes of the demo: `tiny` proves the whole machinery in a few minutes (CI), `default` is big
// enough for the four arms to differ, `study` is the default's sizes over both world variants and
// three seeds (what a reader needs to tell an effect from noise). Every arm gets the same budget:
// N teacher traces, the same epochs, global batch and learning rate; OXA_Full adds its UL records
// on top of that.
import { demoRlSizes, type DemoRl } from "./rl-stage.ts";
import { PREMISE_TOKEN_FLOOR, type WorldVariant } from "./world-variant.ts";

export interface DemoPreset {
  world: { nTrain: number; nTest: number; nPretrain: number; maxLevel: number; pretrainOtherShare: number };
  model: { vocabSize: number; hiddenSize: number; intermediateSize: number; layers: number; heads: number; kvHeads: number };
  pretrain: { epochs: number; globalBatch: number; lr: number };
  /** Teacher traces per arm (N). */
  n: number;
  /** Teacher traces for the small instruction-following model that produces the rollouts. */
  nInstruct: number;
  rollouts: { n: number; maxNewTokens: number; temperature: number };
  /** High-confidence errors kept (K). */
  k: number;
  finetune: { epochs: number; globalBatch: number; ulPerBatch: number; lr: number; alpha: number };
  eval: { k: number; maxNewTokens: number };
  /** Run seeds (fine-tuning, rollout sampling, selection, evaluation) when --seeds is not given. */
  seeds: number;
  /** World variants run when --variant is not given; several go to one subfolder each. */
  variants: WorldVariant[];
  /** A short GRPO run of every fine-tuned arm (rl-stage.ts); absent = no RL stage. */
  rl?: DemoRl;
}

export const PRESET_NAMES = ["tiny", "default", "study"] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

const tinyPreset: DemoPreset = {
  world: { nTrain: 160, nTest: 16, nPretrain: 600, maxLevel: 3, pretrainOtherShare: 0 },
  model: { vocabSize: 512, hiddenSize: 64, intermediateSize: 128, layers: 2, heads: 4, kvHeads: 2 },
  pretrain: { epochs: 2, globalBatch: 32, lr: 3e-3 },
  n: 96,
  nInstruct: 64,
  rollouts: { n: 1, maxNewTokens: 64, temperature: 1.0 },
  k: 48,
  finetune: { epochs: 2, globalBatch: 16, ulPerBatch: 2, lr: 1e-3, alpha: 1e-4 },
  eval: { k: 4, maxNewTokens: 64 },
  seeds: 1,
  variants: ["control"],
};

const defaultPreset: DemoPreset = {
  world: { nTrain: 2000, nTest: 100, nPretrain: 4000, maxLevel: 3, pretrainOtherShare: 0.05 },
  model: { vocabSize: 1024, hiddenSize: 128, intermediateSize: 384, layers: 4, heads: 4, kvHeads: 2 },
  pretrain: { epochs: 3, globalBatch: 32, lr: 2e-3 },
  n: 800,
  nInstruct: 300,
  rollouts: { n: 2, maxNewTokens: 160, temperature: 1.0 },
  k: 400,
  finetune: { epochs: 3, globalBatch: 32, ulPerBatch: 4, lr: 1e-3, alpha: 1e-4 },
  eval: { k: 8, maxNewTokens: 200 },
  seeds: 1,
  variants: ["control"],
};

export const presets: Record<PresetName, DemoPreset> = {
  tiny: tinyPreset,
  default: defaultPreset,
  // The default's sizes with the premise world's generation caps in both worlds (one budget for the
  // comparison; world-variant.ts says why), then 40 GRPO steps per arm: 24 RL runs over 2 worlds x
  // 3 seeds x 4 arms. The step size is the learning check's (docs/benchmarks.md): from the demo's SFT
  // model, 16 prompts x 8 rollouts at lr 3e-5 raised held-out Pass@1 8.3 -> 24.0 % in 100 steps, where
  // the tiny RL preset's lr 1e-4 (8 x 8) halved the SFT arm's greedy Pass@1 in 16 steps (12 -> 6 %).
  study: {
    ...defaultPreset,
    rollouts: { ...defaultPreset.rollouts, maxNewTokens: PREMISE_TOKEN_FLOOR.rollouts },
    eval: { ...defaultPreset.eval, maxNewTokens: PREMISE_TOKEN_FLOOR.eval },
    seeds: 3,
    variants: ["control", "premise"],
    rl: { ...demoRlSizes(PREMISE_TOKEN_FLOOR.eval, 40), promptsPerStep: 16, n: 8, lr: 3e-5, evalEvery: 10 },
  },
};
