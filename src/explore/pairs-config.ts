// The config of the `oxa pairs` stage: step-level pairs from explore's rows, outcome-level pairs from
// the RFT set against the wrong rationales, the pairs file and its TRL / chat-messages exports.
import { z } from "zod";
import { outputFormatField } from "../io/output-format.ts";
import { chatFlags } from "../engine/jobs/common.ts";

export const pairsConfig = z.object({
  explored: z.string().describe("explore's rows (JSONL): the wrong rationales, their steps, completions and first pits"),
  out: z.string().describe("the pairs file (JSONL): {id, problem_id, kind, prompt, prefix, chosen, rejected, rejected_eos, pit_step?}"),
  format: outputFormatField,
  rft: z.string().optional().describe("the RFT set (`oxa rft` rows): the chosen side of pits at step 1 and of outcome pairs (without it: step pairs with a pit after step 1 only)"),
  kinds: z.enum(["both", "step", "outcome"]).default("both").describe("which pairs to write: step (Self-Explore), outcome (the baseline: a correct sample against a wrong one), or both"),
  seed: z.number().int().default(0).describe("seeds which RFT sample a pit-1 pair takes and which wrong rationale an outcome pair takes"),
  trl: z.string().optional().describe("also write TRL's standard form {prompt, chosen, rejected} (strings; prompt = the formatted prompt + prefix; needs --model)"),
  messages: z.string().optional().describe("also write the chat-messages form {prompt: [user], chosen: [assistant], rejected: [assistant]}"),
  model: z.string().optional().describe("model directory whose chat template formats --trl prompts (as train and score format them)"),
  ...chatFlags,
  stats: z.string().optional().describe("JSON statistics path (default: <out>.stats.json)"),
  chart: z.string().optional().describe("SVG histogram of first-pit positions (default: <out>.pits.svg)"),
});

export type PairsConfig = z.output<typeof pairsConfig>;
