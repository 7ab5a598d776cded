// tokenize: prompt (and response) token ids exactly as score and generate build them (chat.py's
// boundary), so the remote backend can send ids to a server instead of text.
import { z } from "zod";
import { chat } from "./common.ts";
import { scoreSpec } from "./score.ts";

export const tokenizeSpec = z.object({
  model: z.string().describe("model directory (its tokenizer and chat template are used)"),
  input: z.string().describe("JSONL of {id, prompt, prefix?, response?}; ids unique strings; prompt may be null with no_prompt; prefix: the start of the assistant turn, its ids appended to prompt_ids"),
  output: z.string().describe("JSONL in input order: {id, prompt_ids, response_ids?}"),
  no_prompt: scoreSpec.shape.no_prompt,
  append_eos: scoreSpec.shape.append_eos,
  probe: z.string().default("Probe: 12 + 7 = 19, x^2 = 4 \u2192 x = \u00b12. \\boxed{3/4}").describe("text whose ids the client compares with the server's tokenizer"),
  prompt_text: z.boolean().default(false).describe("also write `prompt_text`: the prompt ids decoded (special tokens kept), the formatted prompt as text (for exports such as TRL's string form)"),
  chat,
});

export const tokenizeResult = z.object({
  records: z.number().int().min(0),
  stop_ids: z.array(z.number().int()).describe("ids that end a generated turn (tokenizer EOS and the generation config's)"),
  probe: z.object({ text: z.string(), ids: z.array(z.number().int()) }),
  vocab_size: z.number().int().min(1).describe("tokens the tokenizer knows (special tokens included)"),
});

export type TokenizeResult = z.output<typeof tokenizeResult>;

/** One line of the output. */
export const tokenizeRecord = z.object({
  id: z.string(),
  prompt_ids: z.array(z.number().int()),
  response_ids: z.array(z.number().int()).optional(),
  prompt_text: z.string().optional(),
});
