// generate: n samples per prompt with temperature / top-p; reproducible per (seed, id, sample).
import { z } from "zod";
import { chat, device, dtype } from "./common.ts";

export const generateSpec = z.object({
  model: z.string().describe("model directory"),
  input: z.string().describe("JSONL of {id, prompt}; ids unique strings"),
  output: z.string().describe("JSONL, one line per sample: {id, sample, text, n_tokens, finish_reason, mean_entropy}"),
  n: z.number().int().min(1).default(1).describe("samples per prompt"),
  temperature: z.number().min(0).default(0.6).describe("0 = greedy"),
  top_p: z.number().gt(0).max(1).default(0.95),
  max_new_tokens: z.number().int().min(1).default(512),
  seed: z.number().int().default(0),
  batch_size: z.number().int().min(1).default(16).describe("sequences decoded together"),
  entropy: z.boolean().default(true).describe("record the mean entropy of the sampling distribution over generated tokens"),
  chat,
  device,
  dtype,
});
