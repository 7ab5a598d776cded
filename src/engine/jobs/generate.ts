// generate: n samples per prompt with temperature / top-p; reproducible per (seed, id, sample).
import { z } from "zod";
import { chat, device, dtype, modelSetup } from "./common.ts";

export const generateSpec = z.object({
  model: z.string().describe("model directory"),
  input: z.string().describe("JSONL of {id, prompt, prefix?}; ids unique strings; prefix: the start of the assistant turn to continue (its ids follow the prompt's)"),
  output: z.string().describe("JSONL, one line per sample in input order: {id, sample, text, n_tokens, finish_reason, mean_entropy}"),
  n: z.number().int().min(1).default(1).describe("samples per prompt"),
  temperature: z.number().min(0).default(0.6).describe("sampling temperature; 0 = greedy"),
  top_p: z.number().gt(0).max(1).default(0.95).describe("nucleus sampling: draw from the smallest set of tokens whose probability reaches top-p"),
  max_new_tokens: z.number().int().min(1).default(512).describe("a sample that reaches it ends with finish_reason length"),
  seed: z.number().int().default(0).describe("each sample draws from its own generator seeded by (seed, prompt id, sample index)"),
  batch_size: z.number().int().min(1).default(16).describe("sequences decoded together (does not change the samples)"),
  return_tokens: z.boolean().default(false).describe("also write the generated token ids (stop token excluded) as `tokens`"),
  chat,
  device,
  dtype,
});

export const generateResult = z.object({
  ...modelSetup,
  output: z.string(),
  samples: z.number().int().min(0),
  resumed: z.number().int().min(0).describe("samples a killed earlier run had finished"),
  tokens_generated: z.number().int().min(0),
});

export type GenerateResult = z.output<typeof generateResult>;

/** One line of the output: one sample. */
export const generateRecord = z.object({
  id: z.string(),
  sample: z.number().int().min(0),
  text: z.string(),
  n_tokens: z.number().int().min(0),
  finish_reason: z.enum(["stop", "length"]),
  mean_entropy: z.number().nullable(),
  tokens: z.array(z.number().int()).optional(),
});
