// The config of the `oxa score` stage: dataset shape and fields here; the scoring options are the
// engine score spec's own fields (engine/jobs/score.ts), so each default and bound is written once.
import { z } from "zod";
import { outputFormatField } from "../io/output-format.ts";
import type { CommandFiles } from "../io/output-guard.ts";
import { scoreSpec as E } from "../engine/jobs/score.ts";
import { chatFlags, device, dtype } from "../engine/jobs/common.ts";
import { backendFlags } from "../backend/index.ts";

/** Shared with `sample`: bad rows go to a rejects file instead of stopping the run. */
export const rejectFlags = {
  skipInvalid: z.boolean().default(false).describe("skip bad rows, writing each with its reason to --rejects, instead of stopping at the first"),
  rejects: z.string().optional().describe("rejects file for --skip-invalid (default: <output>.rejects.jsonl)"),
};

/** Where rejected rows go: null = the first bad row is an error. */
export const rejectsPath = (c: { skipInvalid: boolean; rejects?: string; output: string }): string | null =>
  c.skipInvalid ? (c.rejects ?? `${c.output}.rejects.jsonl`) : null;

/** The files of a row-wise model job (score, sample), for the output guard. */
export function rowJobFiles(c: { input: string; model: string; output: string; skipInvalid: boolean; rejects?: string }): CommandFiles {
  const rejects = rejectsPath(c);
  return {
    inputs: [{ option: "--input", path: c.input }, { option: "--model", path: c.model, kind: "dir" }],
    outputs: [{ option: "--output", path: c.output }, ...(rejects ? [{ option: "--rejects", path: rejects }] : [])],
  };
}

export const scoreConfig = z.object({
  input: z.string().describe("dataset (.jsonl, .json or .parquet): one response per row, or a query with a list of responses"),
  output: z.string().describe("output .jsonl or .parquet: the input rows with ppl, n_tokens, mean_entropy, nll_sum (lists for list rows), mean_entropy_topk with --top-logprobs on a server, and scored_by"),
  format: outputFormatField,
  model: z.string().describe("model directory (config.json, *.safetensors, tokenizer.json, tokenizer_config.json)"),
  shape: z.enum(["auto", "row", "list"]).default("auto").describe("row: {prompt, response}; list: {query, responses: [...]}; auto: list when the responses field holds a list"),
  promptField: z.string().default("prompt").describe("prompt field of one-response rows"),
  responseField: z.string().default("response").describe("response field of one-response rows"),
  queryField: z.string().default("query").describe("prompt field of list rows"),
  responsesField: z.string().default("responses").describe("list-of-responses field of list rows"),
  noPrompt: E.shape.no_prompt,
  ...chatFlags,
  appendEos: E.shape.append_eos,
  ...rejectFlags,
  tokenBudget: E.shape.token_budget,
  maxChunk: E.shape.max_chunk,
  device,
  dtype,
  ...backendFlags,
});

export type ScoreConfig = z.output<typeof scoreConfig>;
