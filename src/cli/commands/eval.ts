// `oxa eval`: Pass@1, Pass@k curves, policy entropy, output lengths and difficulty buckets for
// several models on several benchmarks, as tables, results.json and a self-contained HTML report.
import { z } from "zod";
import { join } from "node:path";
import { defineCommand } from "../command.ts";
import { renderText } from "../../eval/render-table.ts";
import { bucketTable, longTable, wideTable } from "../../eval/comparison-table.ts";
import { runEval, type EvalOutcome } from "../../eval/run-eval.ts";
import { engineGenerator } from "../../eval/generate-samples.ts";
import { verifierGrader } from "../../eval/verifier-grader.ts";
import { REASONING_SUFFIX } from "../../mix/reasoning-suffix.ts";
import { device, dtype } from "../../engine/jobs/common.ts";

const schema = z.object({
  model: z.array(z.string()).min(1).describe("model directory, or LABEL=DIR to name it in tables (repeat for several)"),
  bench: z.array(z.string()).min(1).describe("benchmark file (.json list, .jsonl or .parquet of {problem, answer}), or NAME=FILE (repeat for several)"),
  k: z.number().int().min(1).default(16).describe("samples per problem (the paper: 128, and 64 for Minerva)"),
  benchK: z
    .array(z.string().regex(/^[^=]+=[1-9]\d*$/, "expected NAME=K, e.g. minerva=64"))
    .default([])
    .describe("NAME=K: samples per problem for one benchmark, overriding --k (the paper: minerva=64)"),
  temperature: z.number().min(0).default(0.6).describe("sampling temperature"),
  topP: z.number().gt(0).max(1).default(0.95).describe("nucleus sampling mass"),
  maxNewTokens: z.number().int().min(1).default(32768).describe("longest generated answer in tokens"),
  seed: z.number().int().default(0).describe("sampling seed; each sample is seeded by (seed, problem id, sample index)"),
  suffix: z.string().default(REASONING_SUFFIX).describe("text appended to every problem before the chat template"),
  template: z.boolean().default(true).describe("format prompts with the model's chat template (--no-template sends the raw text)"),
  systemPrompt: z.string().optional().describe("system message (default: none; the template's default system prompt is stripped)"),
  problemField: z.string().default("problem").describe("benchmark field holding the problem text"),
  answerField: z.string().default("answer").describe("benchmark field holding the gold answer"),
  idField: z.string().default("id").describe("benchmark field holding a problem id (row number when absent)"),
  bucketsFrom: z
    .array(z.string())
    .default([])
    .describe("difficulty buckets by a base's pass counts: a model label of this run, or [BENCH=]details.jsonl of an earlier run"),
  out: z.string().default("runs/eval").describe("output directory"),
  cacheDir: z.string().optional().describe("sample cache (default: <out>/samples); share it between runs to reuse samples"),
  extraction: z
    .enum(["strict", "lenient"])
    .default("strict")
    .describe("strict: only a \\boxed{} answer earns credit (a stray number in a rambling sample never does); lenient: also 'Answer: ...' lines and the last number"),
  verifyTimeoutMs: z.number().int().min(1).default(2000).describe("time limit per verified sample (the verifier's worker is killed past it)"),
  verifyWorkers: z.number().int().min(1).optional().describe("verifier worker threads (default: one per core)"),
  batchSize: z.number().int().min(1).default(16).describe("sequences the engine decodes together"),
  device,
  dtype,
});

export const evalCommand = defineCommand({
  name: "eval",
  summary: "Evaluate models on benchmarks: Pass@1, Pass@k curves, entropy, lengths, difficulty buckets, HTML report",
  description: `Samples --k answers per problem (prompt = problem + --suffix under the chat template), verifies
each against the gold answer and writes, in --out: results.json (one entry per model label),
results.csv, table.md, report.html and <label>/<bench>/{details.jsonl,summary.json}.
Samples are cached by model (path and file times), prompts and sampling settings: a rerun
recomputes the metrics without generating, a smaller --k reads the first k samples of a larger
cached run, and an interrupted run resumes where the engine stopped.
Pass@1 = mean correctness over all samples (± standard error across problems); Pass@k' uses the
unbiased estimator 1 - C(n-c,k')/C(n,k') for k' = 1, 2, 4, ... <= k; entropy is the mean token
entropy over all generated tokens. See docs/evaluation.md.`,
  examples: [
    "oxa eval --model runs/sft/model --bench aime24.json --k 16",
    "oxa eval --model base=models/base --model sft=runs/sft/model --model oxa=runs/oxa/model --bench aime24.json --bench minerva=minerva.jsonl --buckets-from base --out runs/eval",
    "oxa eval --model oxa=runs/oxa/model --bench world/test.json --k 4 --max-new-tokens 256 --json",
  ],
  schema,
  async run(c, ctx): Promise<EvalOutcome> {
    const grader = verifierGrader({ timeoutMs: c.verifyTimeoutMs, extraction: c.extraction, workers: c.verifyWorkers });
    try {
      return await runEval(
        {
          models: c.model,
          benches: c.bench,
          fields: { problem: c.problemField, answer: c.answerField, id: c.idField },
          k: c.k,
          benchK: Object.fromEntries(c.benchK.map((s) => [s.slice(0, s.lastIndexOf("=")), Number(s.slice(s.lastIndexOf("=") + 1))])),
          sampling: {
            temperature: c.temperature,
            top_p: c.topP,
            max_new_tokens: c.maxNewTokens,
            seed: c.seed,
            apply_template: c.template,
            system_prompt: c.systemPrompt ?? null,
          },
          suffix: c.suffix,
          out: c.out,
          cacheDir: c.cacheDir ?? join(c.out, "samples"),
          bucketsFrom: c.bucketsFrom,
          verifier: { extraction: c.extraction, timeout_ms: c.verifyTimeoutMs },
        },
        { generate: engineGenerator({ batchSize: c.batchSize, device: c.device, dtype: c.dtype }), grade: grader.grade, progress: ctx.progress, log: ctx.log },
      );
    } finally {
      await grader.close();
    }
  },
  format(o) {
    const bt = bucketTable(o.results);
    return [
      renderText(wideTable(o.results)),
      renderText(longTable(o.results)),
      bt ? renderText(bt) : "",
      `generated ${o.generated} samples; wrote ${o.files.results}, ${o.files.csv}, ${o.files.markdown}, ${o.files.report}\n`,
    ]
      .filter(Boolean)
      .join("\n");
  },
});
