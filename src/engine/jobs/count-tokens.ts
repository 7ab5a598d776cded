// count-tokens: the token length of each (prompt, response) pair as the trainer will encode it,
// so the batch schedule can drop sequences over the cutoff before training.
import { z } from "zod";
import { chat } from "./common.ts";

export const countTokensSpec = z.object({
  model: z.string().describe("model directory (its tokenizer and chat template are used)"),
  input: z.string().describe("JSONL of {id, prompt, response}"),
  output: z.string().describe("JSONL in input order: {id, n_tokens, n_prompt}"),
  strip_default_system_prompt: z.boolean().default(true).describe("as in train"),
  append_eos: z.boolean().default(true).describe("as in train"),
  chat,
});

export const countTokensResult = z.object({
  records: z.number().int().min(0),
  max_position_embeddings: z.number().int().positive().nullable().describe("the model's context length, when its config names one"),
});

/** One line of the output. */
export const tokenCountRecord = z.object({ id: z.string(), n_tokens: z.number().int().min(0), n_prompt: z.number().int().min(0) });
