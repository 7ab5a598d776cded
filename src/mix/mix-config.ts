// The config of the `oxa mix` stage.
import { z } from "zod";
import { REASONING_SUFFIX } from "./reasoning-suffix.ts";

export const mixConfig = z.object({
  ce: z.array(z.string()).default([]).describe("rows to promote (loss_type 0), e.g. the output of oxa select; repeatable"),
  ul: z.array(z.string()).default([]).describe("rows to suppress (loss_type 1), e.g. the output of oxa mine; repeatable"),
  out: z.string().describe("the training file: JSONL of {id, prompt, response, loss_type, query, ...}"),
  alpaca: z.string().optional().describe("also write LLaMA-Factory alpaca JSON (instruction, input, output, history, loss_type)"),
  messages: z.string().optional().describe("also write chat messages JSONL ({id, messages, loss_type})"),
  suffix: z.string().default(REASONING_SUFFIX).describe("appended to each query to make the prompt (\"\" for none)"),
  queryField: z.string().default("query").describe("field holding the query"),
  responseField: z.string().default("response").describe("field holding the response"),
});

export type MixConfig = z.output<typeof mixConfig>;
