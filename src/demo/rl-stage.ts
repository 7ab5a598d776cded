// The demo's RL stage: each fine-tuned arm continues with a short GRPO run (`oxa rl` as a pipeline
// stage), policy = the arm's fine-tuned model, prompts = the world's training problems, the verifier
// as reward, validation Pass@1 on the held-out problems every few steps — the paper's question of
// whether the SFT-stage differences between arms persist under RL. Sizes come from the preset's
// `rl` field (or `oxa demo --rl-steps N`); every other GRPO value is `oxa rl`'s default.
import { RL_PRESETS } from "../rl/index.ts";
import type { DemoPreset } from "./presets.ts";
import { stage, type PipelineStage, type StageOptions } from "./typed-stage.ts";

/** The sizes of the demo's RL stage: the same for every arm, so the arms' curves compare. */
export interface DemoRl {
  /** GRPO steps per arm (one update per step). */
  steps: number;
  promptsPerStep: number;
  /** Rollouts per prompt (at least 2: GRPO's advantage is relative to the group). */
  n: number;
  maxNewTokens: number;
  lr: number;
  /** Validation Pass@1 on the held-out problems every this many steps (and before the first, after the last). */
  evalEvery: number;
}

/**
 * How the reward and the validation read an answer: `after`, passed explicitly over `oxa rl`'s
 * default `require` (the RL papers' reward: no `</think>`, no answer). It is the rule the demo's
 * `oxa eval` grades the same arms by, so the RL stage's step-0 Pass@1 and the eval table answer to
 * one rule, and an arm is never scored 0 for a format the eval accepts: the RL stage asks whether
 * the arms' SFT-stage differences persist, not whether they learn a format. The world's traces are
 * all `<think>…</think>` + `\boxed{}`, so fine-tuned arms write the tags and `after` and `require`
 * part only on a response that never opens `<think>` (`after` reads it whole); an opened, unclosed
 * `<think>` has no answer under both, which `ignore` would drop (docs/rl.md, "Demo").
 */
export const DEMO_RL_THINK = "after" satisfies StageOptions<"rl">["verifyThink"];

/**
 * The RL sizes `--rl-steps N` gives a preset without its own: the tiny GRPO preset's prompts per
 * step, rollouts and learning rate (made for the built-in world's models on a CPU), the preset's
 * evaluation length cap (so RL answers have the room the eval gives them), and about four
 * validations in the run.
 */
export function demoRlSizes(evalMaxNewTokens: number, steps: number): DemoRl {
  const t = RL_PRESETS.tiny;
  return { steps, promptsPerStep: t.promptsPerStep, n: t.n, maxNewTokens: evalMaxNewTokens, lr: t.lr, evalEvery: Math.max(1, Math.ceil(steps / 4)) };
}

/** The pipeline stage that runs GRPO on an arm: `rl-<arm>`, its out is the `oxa rl` run directory. */
export const rlStageName = (arm: string) => `rl-${arm.replace(/_/g, "-")}`;

/** What the RL stages read (pipeline references): the world's problems and each arm's model. */
export interface RlInputs {
  /** Training problems ({id, query, gold} rows: the world's train.jsonl). */
  prompts: string;
  /** Held-out problems ({id, problem, answer}: the world's test.json). */
  validation: string;
  /** Arm label -> its fine-tuned model directory, in the arms' order. */
  models: Readonly<Record<string, string>>;
}

/**
 * One GRPO stage per arm. Seeded with the demo's seed, so an arm's rollouts differ between seeds and
 * two arms at one seed draw from the same generators (their differences are the models').
 */
export function rlStages(rl: DemoRl, seed: number, inputs: RlInputs): Record<string, PipelineStage> {
  const stages: Record<string, PipelineStage> = {};
  for (const [arm, model] of Object.entries(inputs.models)) {
    stages[rlStageName(arm)] = stage(
      "rl",
      `GRPO from ${arm}'s fine-tuned model: the verifier as reward, Pass@1 on the held-out problems every ${rl.evalEvery} steps`,
      {
        prompts: inputs.prompts, model, out: "${out}", validation: inputs.validation, evalEvery: rl.evalEvery,
        preset: "tiny", steps: rl.steps, promptsPerStep: rl.promptsPerStep, n: rl.n, maxNewTokens: rl.maxNewTokens, lr: rl.lr,
        verifyMode: "strict", verifyThink: DEMO_RL_THINK, seed, saveEvery: rl.evalEvery,
      },
      { resume: true },
    );
  }
  return stages;
}

/**
 * The preset a demo runs with `--rl-steps`: not given = the preset's own RL stage (or none);
 * 0 = none; N = N steps, with the preset's other RL sizes or, if it has none, demoRlSizes.
 */
export function presetWithRl(p: DemoPreset, rlSteps: number | undefined): DemoPreset {
  if (rlSteps === undefined) return p;
  if (rlSteps === 0) return { ...p, rl: undefined };
  return { ...p, rl: p.rl ? { ...p.rl, steps: rlSteps } : demoRlSizes(p.eval.maxNewTokens, rlSteps) };
}
