// The config of the `oxa eval` stage. The sampling options are the engine generate spec's fields
// and the verify-* options the verifier's own (verify/options.ts), so each bound is written once;
// where evaluation wants another default (the paper's 32,768 new tokens, strict grading, a longer
// time limit), it says so here.
import { z } from "zod";
import { REASONING_SUFFIX } from "../mix/reasoning-suffix.ts";
import { chatFlags, device, dtype } from "../engine/jobs/common.ts";
import { generateSpec as G } from "../engine/jobs/generate.ts";
import { verifyOptionsSchema as V } from "../verify/index.ts";
import { generationBackendFlags } from "../backend/index.ts";
import { outputFormatField } from "../io/output-format.ts";

export const evalConfig = z.object({
  model: z.array(z.string()).min(1).describe("model directory, or LABEL=DIR to name it in tables (repeat for several)"),
  bench: z.array(z.string()).min(1).describe("benchmark file (.json list, .jsonl or .parquet of {problem, answer}), or NAME=FILE (repeat for several)"),
  k: z.number().int().min(1).default(16).describe("samples per problem (the paper: 128, and 64 for Minerva)"),
  benchK: z
    .array(z.string().regex(/^[^=]+=[1-9]\d*$/, "expected NAME=K, e.g. minerva=64"))
    .default([])
    .describe("NAME=K: samples per problem for one benchmark, overriding --k (the paper: minerva=64)"),
  temperature: G.shape.temperature,
  topP: G.shape.top_p,
  maxNewTokens: G.shape.max_new_tokens.removeDefault().default(32768).describe("longest generated answer in tokens (the paper: 32,768)"),
  seed: G.shape.seed,
  suffix: z.string().default(REASONING_SUFFIX).describe("text appended to every problem before the chat template"),
  ...chatFlags,
  problemField: z.string().default("problem").describe("benchmark field holding the problem text"),
  answerField: z.string().default("answer").describe("benchmark field holding the gold answer"),
  idField: z.string().default("id").describe("benchmark field holding a problem id (row number when absent)"),
  bucketsFrom: z
    .array(z.string())
    .default([])
    .describe("difficulty buckets by a base's pass counts: a model label of this run, or [BENCH=]details.jsonl (or .parquet) of an earlier run"),
  out: z.string().default("runs/eval").describe("output directory"),
  format: outputFormatField.describe("format of each <label>/<bench>/details file: jsonl (details.jsonl, the default) or parquet (details.parquet)"),
  cacheDir: z.string().optional().describe("sample cache (default: <out>/samples); share it between runs to reuse samples"),
  verifyMode: V.shape.mode.removeDefault().default("strict").describe("strict (the default here): only a \\boxed{} answer earns credit, so a stray number in a rambling sample never does; lenient: without a box, the answer a careful reader would take"),
  verifyListOrder: V.shape.listOrder,
  verifyTimeoutMs: V.shape.timeoutMs.removeDefault().default(2000).describe("time limit per verified sample (the verifier's worker is killed past it)"),
  verifyWorkers: z.number().int().min(1).optional().describe("verifier worker threads (default: one per core)"),
  batchSize: G.shape.batch_size,
  device,
  dtype,
  ...generationBackendFlags,
});

export type EvalCommandConfig = z.output<typeof evalConfig>;
