// `oxa eval`: Pass@1, Pass@k curves, policy entropy, output lengths and difficulty buckets for
// several models on several benchmarks, as tables, results.json and a self-contained HTML report.
import { defineCommand } from "../../command/command.ts";
import { renderText } from "../../report/table.ts";
import { bucketTable, evalConfig, longTable, parseLabelled, runEvalStage, wideTable } from "../../eval/index.ts";

export const evalCommand = defineCommand({
  name: "eval",
  summary: "Evaluate models on benchmarks: Pass@1, Pass@k curves, entropy, lengths, difficulty buckets, HTML report",
  description: `Samples --k answers per problem (prompt = problem + --suffix under the chat template), verifies
each against the gold answer and writes, in --out: results.json (one entry per model label),
results.csv, table.md, report.html and <label>/<bench>/{details.jsonl,summary.json}
(details.parquet with --format parquet).
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
    "oxa eval --model sft=runs/sft/model --bench aime24.json --k 64 --backend vllm --server http://127.0.0.1:8000 --concurrency 4",
  ],
  schema: evalConfig,
  files: (c) => ({
    inputs: [
      ...c.model.map((m) => ({ option: "--model", path: parseLabelled(m).path, kind: "dir" as const })),
      ...c.bench.map((b) => ({ option: "--bench", path: parseLabelled(b).path })),
    ],
    outputs: [{ option: "--out", path: c.out, kind: "dir" }, ...(c.cacheDir ? [{ option: "--cache-dir", path: c.cacheDir, kind: "dir" as const }] : [])],
  }),
  run: (c, ctx) => runEvalStage(c, ctx),
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
