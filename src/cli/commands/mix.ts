// `oxa mix`: one training file from CE rows (the selection) and UL rows (the mined errors).
import { z } from "zod";
import { defineCommand } from "../command.ts";
import { REASONING_SUFFIX, runMix, type MixResult } from "../../mix/index.ts";

const schema = z.object({
  ce: z.array(z.string()).default([]).describe("rows to promote (loss_type 0), e.g. the output of oxa select; repeatable"),
  ul: z.array(z.string()).default([]).describe("rows to suppress (loss_type 1), e.g. the output of oxa mine; repeatable"),
  out: z.string().describe("the training file: JSONL of {id, prompt, response, loss_type, query, ...}"),
  alpaca: z.string().optional().describe("also write LLaMA-Factory alpaca JSON (instruction, input, output, history, loss_type)"),
  messages: z.string().optional().describe("also write chat messages JSONL ({id, messages, loss_type})"),
  suffix: z.string().default(REASONING_SUFFIX).describe("appended to each query to make the prompt (\"\" for none)"),
  queryField: z.string().default("query").describe("field holding the query"),
  responseField: z.string().default("response").describe("field holding the response"),
});

export const mixCommand = defineCommand({
  name: "mix",
  summary: "combine CE (selected) and UL (mined) rows into one training set with loss_type",
  description: `OXA_MLE trains on --ce alone; OXA_Full adds --ul. Records keep the source rows' other fields
(ppl, len, ...). Order: CE files, then UL files, each in file order; the training batch schedule
decides which records share a batch.`,
  examples: [
    "oxa mix --ce sel.jsonl --out oxa-mle.jsonl",
    "oxa mix --ce sel.jsonl --ul errors.jsonl --out oxa-full.jsonl --alpaca oxa-full.json",
    "oxa mix --ce sel.jsonl --out plain.jsonl --suffix '' --messages plain.messages.jsonl",
  ],
  schema,
  async run(c, ctx) {
    return runMix({ ...c, fields: { query: c.queryField, response: c.responseField }, progress: ctx.progress });
  },
  format: (r: MixResult) =>
    `mixed ${r.total} records (${r.ce} CE, ${r.ul} UL) into ${r.out}` +
    `${r.alpaca ? `\n  alpaca:   ${r.alpaca}` : ""}${r.messages ? `\n  messages: ${r.messages}` : ""}\n`,
});
