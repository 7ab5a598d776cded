// Sizes of the Self-Explore demo. `tiny` is the OXA tiny preset (so the two methods share world,
// base and SFT arm in one run directory) plus the Self-Explore stages; `default` is cut smaller
// than the OXA default to run in about 20 minutes (so it shares nothing with it). N samples per problem is scaled down from the paper's 100, and the
// learning rate of DPO up from its 1e-6 (see docs/self-explore.md, "Demo").
import { presets, type DemoPreset } from "./presets.ts";

export interface SelfExplorePreset extends DemoPreset {
  selfExplore: {
    /** Training problems the SFT model samples on (the first ones of the rollout prompts' order). */
    problems: number;
    /** Samples per problem (the paper: 100) and their length limit; temperature 0.7 as the paper. */
    samples: { n: number; maxNewTokens: number; temperature: number };
    /** RFT set: at most this many correct samples per problem (the paper: 8). */
    perProblem: number;
    /** Exploration: k completions from each step prefix (the paper: 4, temperature 0.7). */
    explore: { k: number; temperature: number; maxNewTokens: number };
    /** DPO of both arms from the RFT model (policy and reference); sigmoid loss. */
    dpo: { beta: number; lr: number; epochs: number; warmupRatio: number; globalBatch: number };
  };
}

/**
 * The Self-Explore stages' sizes: what a preset scales (problems sampled, samples per problem, token
 * limits); the rest is the paper's (<= 8 per problem, T 0.7, k 4, sigmoid DPO with beta 0.1, 3
 * epochs, 10 % warm-up) except DPO's learning rate, 1e-4 for models this small.
 */
const selfExplore = (problems: number, n: number, sampleTokens: number, exploreTokens: number, dpoBatch: number): SelfExplorePreset["selfExplore"] => ({
  problems,
  samples: { n, maxNewTokens: sampleTokens, temperature: 0.7 },
  perProblem: 8,
  explore: { k: 4, temperature: 0.7, maxNewTokens: exploreTokens },
  dpo: { beta: 0.1, lr: 1e-4, epochs: 3, warmupRatio: 0.1, globalBatch: dpoBatch },
});

export const selfExplorePresets: Record<"tiny" | "default", SelfExplorePreset> = {
  tiny: { ...presets.tiny, selfExplore: selfExplore(8, 4, 64, 48, 8) },
  // Cut from the OXA default (2000 train queries, 4000 pretraining documents, N 800, 100 test
  // problems, eval k 8 with 200 tokens) so that the whole method runs in about 20-30 minutes on 2
  // shared CPU cores: the model and the fine-tunes' epochs, batch and learning rate are the OXA default's.
  default: {
    ...presets.default,
    world: { ...presets.default.world, nTrain: 400, nTest: 60, nPretrain: 1200 },
    n: 300,
    eval: { k: 4, maxNewTokens: 128 },
    selfExplore: selfExplore(32, 4, 128, 128, 16),
  },
};
