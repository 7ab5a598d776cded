// score: per-response log-probabilities under a model -> ppl, nll_sum, n_tokens, mean_entropy.
import { z } from "zod";
import { chat, device, dtype, modelSetup } from "./common.ts";

export const scoreSpec = z.object({
  model: z.string().describe("model directory"),
  input: z.string().describe("JSONL of {id, prompt, response}; ids unique strings; prompt may be null with no_prompt"),
  output: z.string().describe("JSONL written in input order: {id, ppl, nll_sum, n_tokens, mean_entropy}"),
  no_prompt: z.boolean().default(false).describe("score each response alone, without its prompt (what the OXA authors' scripts did)"),
  append_eos: z.boolean().default(false).describe("also score the end-of-turn token after each response"),
  token_budget: z.number().int().min(1).default(16384).describe("tokens per forward batch (rows x longest); lower it if memory is short"),
  max_chunk: z.number().int().min(2).default(8192).describe("longest piece fed at once; longer sequences go in chunks through the KV cache"),
  sort_window: z.number().int().min(1).default(8192).describe("records read, length-sorted and scored together (bounds memory)"),
  chat,
  device,
  dtype,
});

export const scoreResult = z.object({
  ...modelSetup,
  output: z.string(),
  records: z.number().int().min(0),
  resumed: z.number().int().min(0).describe("records a killed earlier run had finished"),
  tokens_forwarded: z.number().int().min(0).describe("prompt + response tokens forwarded in this call"),
  seconds: z.number().min(0).describe("time spent scoring, model loading excluded"),
});

/** One line of the output; an empty response has ppl and mean_entropy null. */
export const scoreRecord = z.object({
  id: z.string(),
  ppl: z.number().nullable(),
  nll_sum: z.number(),
  n_tokens: z.number().int().min(0),
  mean_entropy: z.number().nullable(),
});
