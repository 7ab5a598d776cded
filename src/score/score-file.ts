// The `score` stage: every response of a dataset (either shape) through the engine's score job;
// rows come back in input order with ppl / n_tokens / mean_entropy / nll_sum added (lists for list
// rows) and scored_by {model, dtype, device}. Bounded memory, resumable (see run-staged-job.ts).
import { col, type RowSchema } from "../io/row-schema.ts";
import { dirname, resolve } from "node:path";
import { pathFrom } from "../common/path-from.ts";
import { assertReadable, type SourceRow } from "../io/records.ts";
import type { StartProgress } from "../io/progress.ts";
import { chatSpec } from "../engine/jobs/common.ts";
import { describeStats, remoteFor, remoteScore, remoteScoreRecord, type PoolStats, type Remote } from "../backend/index.ts";
import { assertModelDir } from "../engine/model-dir.ts";
import { runFacts, runStagedJob, type RunFacts } from "./run-staged-job.ts";
import { rejectsPath, type ScoreConfig } from "./score-config.ts";
import { parseScoreRow, type ScoreRow } from "./score-row.ts";
import type { RowStage } from "./staged-rows.ts";

export interface ScoreSummary extends RunFacts {
  rows: number;
  responses: number;
  /** Prompt + response tokens the engine forwarded in this call, and its time spent scoring them. */
  tokens: number;
  engineSeconds: number;
  /** local, vllm or sglang; with a server pool, what it went through (requests, retries, failures). */
  backend: string;
  pool: PoolStats | null;
}

export const SCORE_FIELDS = ["ppl", "n_tokens", "mean_entropy", "nll_sum"] as const;
const TOPK_FIELDS = [...SCORE_FIELDS, "mean_entropy_topk"] as const;

/**
 * The input row, then the scores: json columns, as each is a number for a one-response row and a list
 * for a list row (one declared type whatever the input's shape), and scored_by (an object).
 */
export const scoreRowSchema = (fields: readonly string[]): RowSchema => ({
  name: "score",
  columns: [...fields.map((k) => col(k, "json", true)), col("scored_by", "json", true)],
  rest: true,
  restFirst: true,
});

function scoreStage(c: Readonly<ScoreConfig>, remote: Remote | null): RowStage<ScoreRow, typeof remoteScoreRecord, "score"> {
  const fields = remote && c.topLogprobs > 0 ? TOPK_FIELDS : SCORE_FIELDS;
  // a server's scores are labelled: where they came from, and that its entropy is a top-k estimate
  const by = remote
    ? { backend: c.backend, ...(c.topLogprobs > 0 ? { entropy: `top-${c.topLogprobs} estimate (mean_entropy_topk; mean_entropy is null)` } : {}) }
    : {};
  const ids = (src: SourceRow, p: ScoreRow) => p.responses.map((_, j) => (p.list ? `${src.line}.${j}` : String(src.line)));
  const names = { prompt: c.promptField, response: c.responseField, query: c.queryField, responses: c.responsesField };
  const model = pathFrom(dirname(c.output), c.model); // once, not per row
  return {
    input: c.input,
    result: remoteScoreRecord,
    parse: (src) => parseScoreRow(src, names, c.shape, c.noPrompt),
    items: (src, p) => ids(src, p).map((id, j) => ({ id, prompt: p.prompt, response: p.responses[j] })),
    resultKeys: ids,
    resultKey: (r) => r.id,
    schema: scoreRowSchema(fields),
    format: c.format,
    combine: (src, p, got, engine) => [{
      ...src.row,
      ...Object.fromEntries(fields.map((k) => [k, p.list ? got.map((g) => g[k] ?? null) : got[0][k] ?? null])),
      // relative to the output file's directory, so runs in two directories write the same bytes
      ...(got.length ? { scored_by: { model, dtype: engine?.dtype ?? null, device: engine?.device ?? null, ...by } } : {}),
    }],
  };
}

export async function scoreFile(c: Readonly<ScoreConfig>, ports: { progress: StartProgress; log?: (m: string) => void }): Promise<ScoreSummary> {
  assertReadable(c.input);
  assertModelDir(c.model);
  const remote = remoteFor(c, ports.log);
  const started = Date.now();
  const rejects = rejectsPath(c);
  const r = await runStagedJob(scoreStage(c, remote), {
    job: "score",
    output: c.output,
    rejects,
    spec: (input, output) => ({
      model: resolve(c.model),
      input,
      output,
      no_prompt: c.noPrompt,
      append_eos: c.appendEos,
      token_budget: c.tokenBudget,
      max_chunk: c.maxChunk,
      chat: chatSpec(c),
      device: c.device,
      dtype: c.dtype,
    }),
    progress: (n) => ports.progress(`scoring ${n} responses`, n),
    run: remote
      ? (input, output, progress) =>
          remoteScore({ model: resolve(c.model), input, output, chat: chatSpec(c), noPrompt: c.noPrompt, appendEos: c.appendEos }, remote, progress, ports.log)
      : undefined,
  });
  if (remote) ports.log?.(`${c.backend} pool: ${describeStats(remote.pool.stats)}`);
  return {
    ...runFacts({ ...c, rejects }, r, started),
    rows: r.rows,
    responses: r.items,
    tokens: r.engine?.tokens_forwarded ?? 0,
    engineSeconds: r.engine?.seconds ?? 0,
    backend: c.backend,
    pool: remote ? remote.pool.stats : null,
  };
}
