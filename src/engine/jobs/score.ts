// score: per-response log-probabilities under a model -> ppl, nll_sum, n_tokens, mean_entropy.
import { z } from "zod";
import { chat, device, dtype } from "./common.ts";

export const scoreSpec = z.object({
  model: z.string().describe("model directory"),
  input: z.string().describe("JSONL of {id, prompt, response}; ids unique strings; prompt may be null with no_prompt"),
  output: z.string().describe("JSONL written in input order: {id, ppl, nll_sum, n_tokens, mean_entropy}"),
  no_prompt: z.boolean().default(false).describe("score the response text alone (the authors' scripts did this)"),
  append_eos: z.boolean().default(false).describe("score an EOS token after the response too"),
  token_budget: z.number().int().min(1).default(16384).describe("max tokens (padded) per forward batch"),
  max_chunk: z.number().int().min(2).default(8192).describe("longest piece fed at once; longer sequences go in chunks through the KV cache"),
  sort_window: z.number().int().min(1).default(8192).describe("records read, length-sorted and scored together (bounds memory)"),
  chat,
  device,
  dtype,
});
