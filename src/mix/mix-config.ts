// The config of the `oxa mix` stage.
import { z } from "zod";
import { outputFormatField } from "../io/output-format.ts";
import { REASONING_SUFFIX } from "./reasoning-suffix.ts";

export const mixConfig = z.object({
  ce: z.array(z.string()).default([]).describe("rows to promote (loss_type 0), e.g. the output of oxa select; repeatable"),
  ul: z.array(z.string()).default([]).describe("rows to suppress (loss_type 1), e.g. the output of oxa mine; repeatable"),
  out: z.string().describe("the training file: JSONL of {id, prompt, response, loss_type, query, ...}"),
  format: outputFormatField,
  alpaca: z.string().optional().describe("also write LLaMA-Factory alpaca JSON (instruction, input, output, history, loss_type)"),
  messages: z.string().optional().describe("also write chat messages JSONL ({id, messages, loss_type})"),
  sharegpt: z.string().optional().describe("also write LLaMA-Factory sharegpt JSON ({conversations: [{from, value}], system, loss_type})"),
  trlSft: z.string().optional().describe("also write TRL SFT JSONL in the conversational prompt-completion form (loss on the completion only); CE rows only — TRL has no unlikelihood loss"),
  datasetInfo: z.string().optional().describe("also write LLaMA-Factory's dataset_info.json registering the --alpaca / --sharegpt files (put it in their folder)"),
  systemPrompt: z.string().optional().describe("a system message in the exports (alpaca/sharegpt `system`, a system turn in messages and TRL rows); default none"),
  suffix: z.string().default(REASONING_SUFFIX).describe("appended to each query to make the prompt (\"\" for none)"),
  queryField: z.string().default("query").describe("field holding the query"),
  responseField: z.string().default("response").describe("field holding the response"),
});

export type MixConfig = z.output<typeof mixConfig>;
