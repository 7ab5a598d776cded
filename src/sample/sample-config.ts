// The config of the `oxa sample` stage: dataset shape and fields here; the sampling options are the
// engine generate spec's own fields (engine/jobs/generate.ts), so each default and bound is written once.
import { z } from "zod";
import { outputFormatField } from "../io/output-format.ts";
import { generateSpec as E } from "../engine/jobs/generate.ts";
import { chatFlags, device, dtype } from "../engine/jobs/common.ts";
import { rejectFlags } from "../score/index.ts";
import { generationBackendFlags } from "../backend/index.ts";

export const sampleConfig = z.object({
  input: z.string().describe("prompts (.jsonl, .json or .parquet), one per row"),
  output: z.string().describe("output .jsonl or .parquet: the input rows with the samples added"),
  format: outputFormatField,
  model: z.string().describe("model directory (config.json, *.safetensors, tokenizer.json, tokenizer_config.json)"),
  n: E.shape.n,
  temperature: E.shape.temperature,
  topP: E.shape.top_p,
  maxNewTokens: E.shape.max_new_tokens,
  seed: E.shape.seed,
  shape: z.enum(["rows", "list"]).default("rows").describe("rows: one line per sample; list: one line per prompt with lists (responses, n_tokens, finish_reasons, mean_entropies)"),
  promptField: z.string().default("prompt").describe("field holding the prompt"),
  responseField: z.string().default("response").describe("output field of the sample text (the list shape adds an s)"),
  ...chatFlags,
  ...rejectFlags,
  batchSize: E.shape.batch_size,
  device,
  dtype,
  ...generationBackendFlags,
});

export type SampleConfig = z.output<typeof sampleConfig>;
