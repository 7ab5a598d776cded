// The demo as a pipeline of our own commands: world -> base model -> verify and score the teacher
// traces -> the selections of the four arms -> an instruction-following model, its rollouts, the
// mined high-confidence errors -> four training sets -> four fine-tunes -> one evaluation.
// Built as data and run by the ordinary pipeline runner, so caching, resume and manifests are the
// same as for any `oxa run`. With several run seeds, the world, base and scored pool (seeded by the
// world seed) appear once and every later stage once per seed (seed-stages.ts names them), so one
// run directory holds them all and the shared stages run once.
import { stringify } from "yaml";
import type { DemoPreset } from "./presets.ts";
import type { SelectionWindow } from "./selection-window.ts";
import { forSeed } from "./seed-stages.ts";
import { stage, type PipelineStage, type StageOptions } from "./typed-stage.ts";
import { rlStageName, rlStages } from "./rl-stage.ts";

/** The arms, in the paper's order; their labels are the keys of results.json. */
export const ARMS = ["sft", "sft_lp", "oxa_mle", "oxa_full"] as const;
export type Arm = (typeof ARMS)[number];

/** The stages that build and train each arm: `data-<arm>` writes its training set, `train-<arm>` fine-tunes. */
export const armStages = (arm: Arm) => {
  const name = arm.replace(/_/g, "-");
  return { data: `data-${name}`, train: `train-${name}` };
};

/** A reference to a file (or, with no file, the directory) under a stage's output. */
export const out = (stage: string, file = "") => `\${stages.${stage}.out}${file ? "/" + file : ""}`;

/** Fields of a scored list-shape pool, as select and mine name them. */
const poolFields = { responsesField: "responses", pplField: "ppl", lengthField: "n_tokens", correctField: "correct" } as const;

/**
 * World, base model, and the teacher traces verified and scored: shared by both demo methods and by
 * every run seed (`seed` is the world seed). `world` adds the world variant's options (world-variant.ts).
 */
export function dataStages(p: DemoPreset, seed: number, world: Partial<StageOptions<"world">> = {}): Record<string, PipelineStage> {
  return {
    world: stage("world", "problems, teacher traces in five styles, a pretraining corpus in the common style", {
      out: "${out}", seed, nTrain: p.world.nTrain, nTest: p.world.nTest, nPretrain: p.world.nPretrain, maxLevel: p.world.maxLevel, pretrainOtherShare: p.world.pretrainOtherShare, ...world,
    }),
    init: stage("make-tiny-model", "a Qwen2 model with a BPE tokenizer trained on the corpus", {
      out: "${out}", corpus: out("world", "tokenizer.txt"), seed, vocabSize: p.model.vocabSize, hiddenSize: p.model.hiddenSize, intermediateSize: p.model.intermediateSize, layers: p.model.layers, heads: p.model.heads, kvHeads: p.model.kvHeads,
    }),
    "pretrain-data": stage("mix", "pretraining documents as (question, solution) pairs, without the reasoning instruction", {
      ce: [out("world", "pretrain.jsonl")], out: "${out}/pretrain.jsonl", suffix: "",
    }),
    base: stage(
      "train",
      "the base model: pretrained on the common style only",
      { data: out("pretrain-data", "pretrain.jsonl"), model: out("init"), out: "${out}", mode: "sft", epochs: p.pretrain.epochs, globalBatch: p.pretrain.globalBatch, microBatchSize: p.pretrain.globalBatch, lr: p.pretrain.lr, cutoff: 2048, seed },
      { resume: true },
    ),
    verified: stage("verify", "teacher traces checked against the gold answers", {
      input: out("world", "train.jsonl"), output: "${out}/verified.jsonl", responseField: "responses", mode: "strict",
    }),
    scored: stage("score", "PPL of every teacher trace under the base model", {
      input: out("verified", "verified.jsonl"), output: "${out}/scored.jsonl", model: out("base", "model"), queryField: "query", responsesField: "responses",
    }),
  };
}

/** Phase one: everything the selection window is computed from. */
export function dataPipeline(p: DemoPreset, seed: number, world: Partial<StageOptions<"world">> = {}): string {
  return stringify({ stages: dataStages(p, seed, world) });
}

/** Selects from the scored teacher pool (one trace per query, N by default). */
export const selectStage = (p: DemoPreset, seed: number, description: string, extra: Partial<StageOptions<"select">>) =>
  stage("select", description, { input: out("scored", "scored.jsonl"), out: "${out}/selected.jsonl", n: p.n, perQuery: 1, seed, ...poolFields, ...extra });

/** A training file of CE rows (and optionally UL rows), with the reasoning instruction on every prompt. */
export const mixStage = (description: string, ce: string, ul?: string) => stage("mix", description, { ce: [ce], ...(ul ? { ul: [ul] } : {}), out: "${out}/train.jsonl" });

/** A fine-tune of the base on a stage's train.jsonl, with the arms' shared budget (epochs, batch, lr). */
export const trainStage = (p: DemoPreset, seed: number, description: string, data: string, mode: StageOptions<"train">["mode"]) =>
  stage(
    "train",
    description,
    {
      data: out(data, "train.jsonl"), model: out("base", "model"), out: "${out}", mode, epochs: p.finetune.epochs,
      globalBatch: p.finetune.globalBatch, microBatchSize: p.finetune.globalBatch, ulPerBatch: p.finetune.ulPerBatch,
      lr: p.finetune.lr, alpha: p.finetune.alpha, cutoff: 2048, seed,
    },
    { resume: true },
  );

/** The SFT arm (N random teacher traces) and the rollout prompts (every training query once): both methods use them. */
export function sftStages(p: DemoPreset, seed: number): Record<string, PipelineStage> {
  return {
    "select-sft": selectStage(p, seed, "SFT: N traces at random", { strategy: "random" }),
    "select-prompts": selectStage(p, seed, "every training query once, to prompt the rollouts", { strategy: "random", n: p.world.nTrain }),
    prompts: mixStage("rollout prompts (query + reasoning instruction)", out("select-prompts", "selected.jsonl")),
    [armStages("sft").data]: mixStage("SFT training set", out("select-sft", "selected.jsonl")),
    [armStages("sft").train]: trainStage(p, seed, "SFT", armStages("sft").data, "sft"),
  };
}

/**
 * The evaluation of labelled models (label=model dir) on the held-out problems, the base first and
 * buckets by it; `baseDetails` (an earlier eval's base details) instead takes the buckets from there
 * and leaves the base out.
 */
export const evalStage = (p: DemoPreset, seed: number, description: string, models: string[], baseDetails?: string) =>
  stage("eval", description, {
    model: baseDetails ? models : [`base=${out("base", "model")}`, ...models],
    bench: [`world=${out("world", "test.json")}`],
    k: p.eval.k, maxNewTokens: p.eval.maxNewTokens, seed, bucketsFrom: [baseDetails ? `world=${baseDetails}` : "base"], batchSize: 64, out: "${out}",
  });

/** The stage that evaluates every arm's model after GRPO. */
export const EVAL_RL = "eval-rl";

/**
 * Every arm after its GRPO run, evaluated as `eval` evaluates it before (same problems, k, length cap,
 * temperature and seed): sampled Pass@1 and Pass@k after RL, which the run's greedy validation does
 * not give (docs/rl.md, Limits). The base is not re-evaluated; its buckets come from `eval`'s details.
 */
const evalAfterRlStage = (p: DemoPreset, seed: number) =>
  evalStage(
    p, seed, "Pass@1, Pass@k, entropy and lengths of the four arms after their GRPO runs, on the same held-out problems",
    ARMS.map((a) => `${a}=${out(rlStageName(a), "model")}`),
    out("eval", "base/world/details.jsonl"),
  );

/** Everything after the scored pool for one run seed, under the single-seed stage names. */
export function seedStages(p: DemoPreset, seed: number, w: SelectionWindow): Record<string, PipelineStage> {
  const select = (description: string, extra: Partial<StageOptions<"select">>) => selectStage(p, seed, description, extra);
  const mix = mixStage;
  const train = (description: string, data: string, mode: StageOptions<"train">["mode"]) => trainStage(p, seed, description, data, mode);
  return {
    ...sftStages(p, seed),
    "select-oxa": select("OXA: Gaussian-guided PPL sampling of verified traces", {
      strategy: "gaussian", mu: w.mu, sigma: w.sigma, minPpl: w.minPpl, maxPpl: w.maxPpl, binWidth: w.binWidth, redistribute: true,
    }),
    "select-lp": select("SFT_LP: the N lowest-PPL traces", { strategy: "lowest-ppl" }),
    "select-instruct": select("a small random teacher subset for the instruction-following model", { strategy: "random", n: p.nInstruct, seed: seed + 1 }),
    "instruct-data": mix("training set of the instruction-following model", out("select-instruct", "selected.jsonl")),
    instruct: train("the instruction-following model that writes the rollouts", "instruct-data", "sft"),
    rollouts: stage("sample", "self-distilled rollouts of the instruction-following model", {
      input: out("prompts", "train.jsonl"), output: "${out}/rollouts.jsonl", model: out("instruct", "model"), n: p.rollouts.n, temperature: p.rollouts.temperature, topP: 1, maxNewTokens: p.rollouts.maxNewTokens, seed, shape: "list", batchSize: 64,
    }),
    "rollouts-verified": stage("verify", "rollouts checked against the gold answers", {
      input: out("rollouts", "rollouts.jsonl"), output: "${out}/verified.jsonl", responseField: "responses", mode: "strict",
    }),
    "rollouts-scored": stage("score", "PPL of every rollout under the base model", {
      input: out("rollouts-verified", "verified.jsonl"), output: "${out}/scored.jsonl", model: out("base", "model"), queryField: "query", responsesField: "responses", skipInvalid: true,
    }),
    mined: stage("mine", "high-confidence errors: wrong rollouts with the lowest PPL, one per query", {
      input: out("rollouts-scored", "scored.jsonl"), out: "${out}/mined.jsonl", k: p.k, maxLen: p.rollouts.maxNewTokens - 1, ...poolFields,
    }),
    [armStages("sft_lp").data]: mix("SFT_LP training set", out("select-lp", "selected.jsonl")),
    [armStages("oxa_mle").data]: mix("OXA_MLE training set", out("select-oxa", "selected.jsonl")),
    [armStages("oxa_full").data]: mix("OXA_Full training set: the OXA selection (CE) plus the mined errors (UL)", out("select-oxa", "selected.jsonl"), out("mined", "mined.jsonl")),
    [armStages("sft_lp").train]: train("SFT_LP", armStages("sft_lp").data, "sft"),
    [armStages("oxa_mle").train]: train("OXA_MLE", armStages("oxa_mle").data, "oxa-mle"),
    [armStages("oxa_full").train]: train("OXA_Full", armStages("oxa_full").data, "oxa-full"),
    eval: evalStage(p, seed, "Pass@1, Pass@k, entropy and lengths of the base and the four arms on held-out problems", ARMS.map((a) => `${a}=${out(armStages(a).train, "model")}`)),
    ...(p.rl ? rlStages(p.rl, seed, { prompts: out("world", "train.jsonl"), validation: out("world", "test.json"), models: Object.fromEntries(ARMS.map((a) => [a, out(armStages(a).train, "model")])) }) : {}),
    ...(p.rl ? { [EVAL_RL]: evalAfterRlStage(p, seed) } : {}),
  };
}

/** Phase two: the shared stages once, then every seed's stages (the world seed's under their plain names). */
export function demoPipeline(p: DemoPreset, worldSeed: number, seeds: readonly number[], w: SelectionWindow, world: Partial<StageOptions<"world">> = {}): string {
  const stages: Record<string, PipelineStage> = { ...dataStages(p, worldSeed, world) };
  for (const seed of seeds) Object.assign(stages, forSeed(seedStages(p, seed, w), seed, worldSeed));
  return stringify({ stages });
}
