// `oxa sample`: n samples per prompt from a model (temperature, top-p, seed), batched, resumable.
import { z } from "zod";
import { defineCommand } from "../command.ts";
import { sampleFile, type SampleSummary } from "../../sample/index.ts";

const schema = z.object({
  input: z.string().describe("prompts (.jsonl, .json or .parquet), one per row"),
  output: z.string().describe("output .jsonl: the input rows with the samples added"),
  model: z.string().describe("model directory (config.json, *.safetensors, tokenizer.json, tokenizer_config.json)"),
  n: z.number().int().positive().default(1).describe("samples per prompt"),
  temperature: z.number().min(0).default(0.6).describe("sampling temperature; 0 = greedy"),
  topP: z.number().gt(0).max(1).default(0.95).describe("nucleus sampling: draw from the smallest set of tokens whose probability reaches top-p"),
  maxNewTokens: z.number().int().positive().default(512).describe("a sample that reaches it ends with finish_reason length"),
  seed: z.number().int().default(0).describe("each sample draws from its own generator seeded by (seed, row, sample index)"),
  shape: z.enum(["rows", "list"]).default("rows").describe("rows: one line per sample; list: one line per prompt with lists (responses, n_tokens, finish_reasons, mean_entropies)"),
  promptField: z.string().default("prompt").describe("field holding the prompt"),
  responseField: z.string().default("response").describe("output field of the sample text (the list shape adds an s)"),
  template: z.boolean().default(true).describe("format the prompt with the model's chat template (--no-template: plain prompt text)"),
  systemPrompt: z.string().optional().describe("a system message before every prompt (default: none)"),
  skipInvalid: z.boolean().default(false).describe("skip bad rows, writing each with its reason to --rejects, instead of stopping at the first"),
  rejects: z.string().optional().describe("rejects file for --skip-invalid (default: <output>.rejects.jsonl)"),
  batchSize: z.number().int().positive().default(16).describe("sequences decoded together (does not change the samples)"),
  device: z.enum(["auto", "cpu", "cuda"]).default("auto").describe("auto = CUDA when available"),
  dtype: z.enum(["auto", "float32", "bfloat16", "float16"]).default("auto").describe("auto = bfloat16 on CUDA, float32 on CPU"),
});

export const sampleCommand = defineCommand({
  name: "sample",
  summary: "n samples per prompt from a model, with token counts, finish reasons and policy entropy",
  description: `Every sample stops at the end-of-turn / end-of-text token (finish_reason stop) or after
--max-new-tokens (length). mean_entropy is the mean entropy of the model's own next-token distribution
(temperature 1) over the sampled steps — the "policy entropy" evaluation reports. A sample depends only
on (seed, row, sample index), never on --batch-size; a killed run resumes when the same command is run again.`,
  examples: [
    "oxa sample problems.jsonl rollouts.jsonl --model models/sft --n 8 --temperature 0.85",
    "oxa sample problems.jsonl rollouts.jsonl --model models/sft --n 4 --shape list --prompt-field problem",
    "oxa sample problems.jsonl greedy.jsonl --model models/base --temperature 0 --max-new-tokens 1024 --json",
  ],
  positionals: ["input", "output"],
  schema,
  async run(c, ctx) {
    return sampleFile({
      input: c.input,
      output: c.output,
      model: c.model,
      promptField: c.promptField,
      responseField: c.responseField,
      shape: c.shape,
      rejects: c.skipInvalid ? (c.rejects ?? `${c.output}.rejects.jsonl`) : null,
      engine: {
        n: c.n,
        temperature: c.temperature,
        top_p: c.topP,
        max_new_tokens: c.maxNewTokens,
        seed: c.seed,
        batch_size: c.batchSize,
        chat: { apply_template: c.template, system_prompt: c.systemPrompt ?? null },
        device: c.device,
        dtype: c.dtype,
      },
      progress: ctx.progress,
    });
  },
  format: (r: SampleSummary) =>
    `sampled ${r.samples} responses for ${r.prompts} prompts (${r.stopped} stopped, ${r.samples - r.stopped} hit the length limit; ${r.seconds.toFixed(1)} s)` +
    `${r.resumed ? `; ${r.resumed} resumed from a previous run` : ""}\n  output:  ${r.output}\n` +
    (r.rejects ? `  rejects: ${r.rejects} (${r.rejected} rows)\n` : ""),
});
