// The Self-Explore demo as a pipeline of our own commands: world -> base -> SFT on gold rationales
// (the OXA demo's stages, the same names and options, so both methods share them) -> N samples per
// training problem -> the RFT set and the RFT model (from the base) -> first-pit exploration of the
// wrong samples with the RFT model -> step-level and outcome-level pairs -> step-DPO and
// outcome-DPO from the RFT model -> one evaluation of the four arms, with the OXA demo's settings.
import { stringify } from "yaml";
import { armStages, dataStages, evalStage, mixStage, out, selectStage, sftStages, trainStage } from "./demo-pipeline.ts";
import type { SelfExplorePreset } from "./self-explore-presets.ts";
import { stage, type PipelineStage } from "./typed-stage.ts";

/** The arms, in the paper's order; their labels are the keys of results.json. */
export const SE_ARMS = ["sft", "rft", "dpo_outcome", "dpo_step"] as const;
export type SeArm = (typeof SE_ARMS)[number];

/** The stage whose out/model is each arm's model. */
export const seArmStage: Record<SeArm, string> = { sft: armStages("sft").train, rft: "train-rft", dpo_outcome: "dpo-outcome", dpo_step: "dpo-step" };

/** Both pairs files, by kind: the stage that writes each (pairs.jsonl in its out). */
export const pairStages = { step: "pairs-step", outcome: "pairs-outcome" } as const;

/**
 * How rft and explore read the samples: graded with the demo's verify mode (a `\boxed{}` answer or
 * nothing), from the list field `samples` — the prompts' rows already hold a `response` (the teacher
 * trace mix carried over), which a reader would otherwise take for the sample.
 */
const samplesRead = { verifyMode: "strict", responseField: "sample", idField: "source_id" } as const;

/** Joins RFT-shaped rows (whose prompt already holds the reasoning instruction) into one CE file. */
const joinRows = (description: string, ...files: string[]) => stage("mix", description, { ce: files, queryField: "prompt", suffix: "", out: "${out}/train.jsonl" });

export function selfExplorePipeline(p: SelfExplorePreset, seed: number): string {
  const se = p.selfExplore;
  const samples = out("se-samples", "samples.jsonl");
  const pairs = (kind: keyof typeof pairStages) =>
    stage("pairs", `${kind}-level pairs (TRL's prompt/chosen/rejected, with the shared prefix)`, {
      explored: out("explore", "explored.jsonl"), rft: out("rft-chosen", "train.jsonl"), kinds: kind, out: "${out}/pairs.jsonl", seed,
    });
  const dpo = (kind: keyof typeof pairStages) =>
    stage(
      "dpo",
      `${kind === "step" ? "step-DPO (Self-Explore)" : "outcome-DPO (the baseline)"}: policy and reference the RFT model`,
      {
        pairs: out(pairStages[kind], "pairs.jsonl"), model: out("train-rft", "model"), out: "${out}", lossType: "sigmoid", beta: se.dpo.beta,
        lr: se.dpo.lr, epochs: se.dpo.epochs, warmupRatio: se.dpo.warmupRatio, globalBatch: se.dpo.globalBatch, microBatchSize: se.dpo.globalBatch, seed,
      },
      { resume: true },
    );
  const stages: Record<string, PipelineStage> = {
    ...dataStages(p, seed),
    ...sftStages(p, seed),
    "se-select-prompts": selectStage(p, seed, "the training problems the SFT model samples on", { strategy: "random", n: se.problems }),
    "se-prompts": mixStage("sampling prompts (query + reasoning instruction; id and gold kept)", out("se-select-prompts", "selected.jsonl")),
    "se-samples": stage("sample", "N rationales per training problem from the SFT model", {
      input: out("se-prompts", "train.jsonl"), output: "${out}/samples.jsonl", model: out(armStages("sft").train, "model"), n: se.samples.n, temperature: se.samples.temperature, topP: 1, maxNewTokens: se.samples.maxNewTokens, seed, shape: "list", responseField: "sample", batchSize: 64,
    }),
    rft: stage("rft", "the RFT set: correct samples, near-duplicates removed, capped per problem", { input: samples, out: "${out}/train.jsonl", perProblem: se.perProblem, seed, ...samplesRead }),
    // The sampled problems' gold rationales (one per problem, the trace their prompt row carries) as
    // RFT rows: the chosen side of a pit at step 1 is "the original correct solution".
    "rft-gold": stage("rft", "the gold rationales of the sampled problems, as RFT rows", {
      input: out("se-prompts", "train.jsonl"), out: "${out}/train.jsonl", perProblem: 1, seed, ...samplesRead, responseField: "response",
    }),
    // RFT as Yuan et al. define it: the SFT data augmented with the distinct correct self-samples.
    "rft-data": joinRows("the RFT model's training set: the SFT arm's gold rationales plus the RFT set", out(armStages("sft").data, "train.jsonl"), out("rft", "train.jsonl")),
    "rft-chosen": joinRows("correct rationales per sampled problem (gold and self-sampled): chosen sides of pit-1 and outcome pairs", out("rft-gold", "train.jsonl"), out("rft", "train.jsonl")),
    "train-rft": trainStage(p, seed, "the RFT model, trained from the base on the SFT data plus the RFT set", "rft-data", "sft"),
    explore: stage("explore", "first pits of the wrong samples, explored by the RFT model", {
      input: samples, out: "${out}/explored.jsonl", model: out("train-rft", "model"), k: se.explore.k, temperature: se.explore.temperature, maxNewTokens: se.explore.maxNewTokens, seed, stepStyle: "lines", batchSize: 64, ...samplesRead,
    }),
    [pairStages.step]: pairs("step"),
    [pairStages.outcome]: pairs("outcome"),
    "dpo-step": dpo("step"),
    "dpo-outcome": dpo("outcome"),
    "eval-se": evalStage(p, seed, "Pass@1, Pass@k, entropy and lengths of the base and the four Self-Explore arms on held-out problems", SE_ARMS.map((a) => `${a}=${out(seArmStage[a], "model")}`)),
  };
  return stringify({ stages });
}
