// `oxa score`: perplexity, token count and mean token entropy of every response under a model.
import { z } from "zod";
import { defineCommand } from "../command.ts";
import { scoreFile, type ScoreSummary } from "../../score/index.ts";

const schema = z.object({
  input: z.string().describe("dataset (.jsonl, .json or .parquet): one response per row, or a query with a list of responses"),
  output: z.string().describe("output .jsonl: the input rows with ppl, n_tokens, mean_entropy, nll_sum (lists for list rows) and scored_by"),
  model: z.string().describe("model directory (config.json, *.safetensors, tokenizer.json, tokenizer_config.json)"),
  shape: z.enum(["auto", "row", "list"]).default("auto").describe("row: {prompt, response}; list: {query, responses: [...]}; auto: list when the responses field holds a list"),
  promptField: z.string().default("prompt").describe("prompt field of one-response rows"),
  responseField: z.string().default("response").describe("response field of one-response rows"),
  queryField: z.string().default("query").describe("prompt field of list rows"),
  responsesField: z.string().default("responses").describe("list-of-responses field of list rows"),
  noPrompt: z.boolean().default(false).describe("score each response alone, without its prompt (what the OXA authors' scripts did)"),
  template: z.boolean().default(true).describe("format the prompt with the model's chat template (--no-template: plain prompt text)"),
  systemPrompt: z.string().optional().describe("a system message before every prompt (default: none)"),
  appendEos: z.boolean().default(false).describe("also score the end-of-turn token after each response"),
  skipInvalid: z.boolean().default(false).describe("skip bad rows, writing each with its reason to --rejects, instead of stopping at the first"),
  rejects: z.string().optional().describe("rejects file for --skip-invalid (default: <output>.rejects.jsonl)"),
  tokenBudget: z.number().int().positive().default(16384).describe("tokens per forward batch (rows x longest); lower it if memory is short"),
  maxChunk: z.number().int().min(2).default(8192).describe("longest piece of one sequence fed at once; longer ones go in chunks through the KV cache"),
  device: z.enum(["auto", "cpu", "cuda"]).default("auto").describe("auto = CUDA when available"),
  dtype: z.enum(["auto", "float32", "bfloat16", "float16"]).default("auto").describe("auto = bfloat16 on CUDA, float32 on CPU"),
});

export const scoreCommand = defineCommand({
  name: "score",
  summary: "perplexity, token count and mean token entropy of each response under a model",
  description: `For every response: nll_sum = -sum of log p(token | everything before it) over the response
tokens, conditioned on the chat-formatted prompt (or on nothing with --no-prompt); ppl =
exp(nll_sum / n_tokens); mean_entropy = mean entropy of the next-token distribution along the response.
Records are length-sorted and packed by --token-budget (no padding waste) and written back in input
order. A killed run resumes where it stopped when the same command is run again.`,
  examples: [
    "oxa score teacher.jsonl scored.jsonl --model models/base",
    "oxa score grouped.jsonl scored.jsonl --model models/base --query-field problem --responses-field solutions",
    "oxa score rollouts.jsonl scored.jsonl --model models/base --no-prompt --skip-invalid",
    "oxa score data.parquet scored.jsonl --model models/base --token-budget 4096 --dtype bfloat16 --json",
  ],
  positionals: ["input", "output"],
  schema,
  async run(c, ctx) {
    return scoreFile({
      input: c.input,
      output: c.output,
      model: c.model,
      fields: { prompt: c.promptField, response: c.responseField, query: c.queryField, responses: c.responsesField },
      shape: c.shape,
      noPrompt: c.noPrompt,
      rejects: c.skipInvalid ? (c.rejects ?? `${c.output}.rejects.jsonl`) : null,
      engine: {
        append_eos: c.appendEos,
        token_budget: c.tokenBudget,
        max_chunk: c.maxChunk,
        chat: { apply_template: c.template, system_prompt: c.systemPrompt ?? null },
        device: c.device,
        dtype: c.dtype,
      },
      progress: ctx.progress,
    });
  },
  format: (r: ScoreSummary) =>
    `scored ${r.responses} responses in ${r.rows} rows (${r.seconds.toFixed(1)} s${r.device ? `, ${r.device}, ${r.dtype}` : ""}` +
    `${r.engineSeconds > 0 ? `; ${Math.round(r.tokens / r.engineSeconds)} tokens/s` : ""})` +
    `${r.resumed ? `; ${r.resumed} resumed from a previous run` : ""}\n  output:  ${r.output}\n` +
    (r.rejects ? `  rejects: ${r.rejects} (${r.rejected} rows)\n` : ""),
});
