// Sizes of the Self-Explore demo. The world, the base and the SFT arm are the OXA preset's of the
// same name where the sizes allow (so the two methods share those stages); on top come the
// Self-Explore stages. N samples per problem is scaled down from the paper's 100, and the
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

/** The paper's Self-Explore settings that no preset changes. */
const paper = { perProblem: 8, temperature: 0.7, k: 4, beta: 0.1, epochs: 3, warmupRatio: 0.1 };

export const selfExplorePresets: Record<"tiny" | "default", SelfExplorePreset> = {
  tiny: {
    ...presets.tiny,
    selfExplore: {
      problems: 16,
      samples: { n: 4, maxNewTokens: 64, temperature: paper.temperature },
      perProblem: paper.perProblem,
      explore: { k: paper.k, temperature: paper.temperature, maxNewTokens: 48 },
      dpo: { beta: paper.beta, lr: 1e-4, epochs: paper.epochs, warmupRatio: paper.warmupRatio, globalBatch: 16 },
    },
  },
  default: {
    ...presets.default,
    selfExplore: {
      problems: 96,
      samples: { n: 4, maxNewTokens: 128, temperature: paper.temperature },
      perProblem: paper.perProblem,
      explore: { k: paper.k, temperature: paper.temperature, maxNewTokens: 128 },
      dpo: { beta: paper.beta, lr: 1e-4, epochs: paper.epochs, warmupRatio: paper.warmupRatio, globalBatch: 16 },
    },
  },
};
