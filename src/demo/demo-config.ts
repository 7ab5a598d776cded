// `oxa demo`'s options: where it writes, which method and preset, the world seed, the run seeds and
// the world variant, and how many stages run at once. Shared by the CLI and both methods' runs.
import { z } from "zod";
import { PRESET_NAMES } from "./presets.ts";
import { WORLD_VARIANTS } from "./world-variant.ts";

export const demoConfig = z.object({
  out: z.string().default("runs/demo").describe("output directory: results.json, report.html, table.md, seeds.html, seeds.md, pass1-seeds.svg, pipeline.yaml (Self-Explore: under self-explore/), and the run directory pipeline/ both methods share; with several world variants one subfolder per variant"),
  method: z.enum(["oxa", "self-explore"]).default("oxa").describe("oxa: SFT, SFT_LP, OXA_MLE, OXA_Full; self-explore: SFT, RFT, outcome-DPO, step-DPO (first-pit exploration)"),
  preset: z.enum(PRESET_NAMES).default("default").describe("tiny: a few minutes, proves the machinery (CI); default: large enough for the arms to differ; study: the default's sizes, both world variants, 3 seeds, 40 GRPO steps per arm and an eval after them (hours)"),
  seed: z.number().int().min(0).default(0).describe("world seed: the world, the base model and the scored teacher pool (fixed across run seeds); also the first run seed"),
  seeds: z.string().optional().describe("run seeds (fine-tuning, selection, rollouts, evaluation): a count N (the world seed and the next N-1) or a list 0,1,2; default: the preset's (1; study: 3)"),
  rlSteps: z.number().int().min(0).optional().describe("oxa: GRPO steps of every fine-tuned arm after fine-tuning (0 = no RL stage; default: the preset's, none in tiny and default, 40 in study); see docs/rl.md, Demo"),
  jobs: z.number().int().min(1).default(1).describe("stages run at once across the whole demo (seeds and worlds are independent branches), each engine with cores/jobs threads unless OMP_NUM_THREADS is set; the numbers do not depend on it (docs/reproducibility.md)"),
  variant: z.enum(WORLD_VARIANTS).optional().describe("world variant: control (rarer styles only different) or premise (rarer styles carry reasoning the model can use); default: the preset's (study: both, one subfolder each)"),
});

export type DemoConfig = z.output<typeof demoConfig>;
