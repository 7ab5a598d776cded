// The `score` stage: every response of a dataset (either shape) through the engine's score job;
// rows come back in input order with ppl / n_tokens / mean_entropy / nll_sum added (lists for list
// rows) and scored_by {model, dtype, device}. Bounded memory, resumable (see run-staged-job.ts).
import { resolve } from "node:path";
import { assertReadable, type SourceRow } from "../io/records.ts";
import type { Progress } from "../cli/progress.ts";
import type { JobSpec } from "../engine/jobs/index.ts";
import { assertModelDir } from "./assert-model-dir.ts";
import { runFacts, runStagedJob, type RunFacts } from "./run-staged-job.ts";
import { parseScoreRow, type ScoreFields, type ScoreRow, type Shape } from "./score-row.ts";
import type { RowStage } from "./staged-rows.ts";

export type EngineScoreOptions = Omit<JobSpec<"score">, "model" | "input" | "output" | "no_prompt">;

export interface ScoreRun {
  input: string;
  output: string;
  model: string;
  fields: ScoreFields;
  shape: Shape;
  noPrompt: boolean;
  /** Where rejected rows go with their reasons; null = the first bad row is an error. */
  rejects: string | null;
  engine: EngineScoreOptions;
  progress: (label: string, total?: number) => Progress;
}

export interface ScoreSummary extends RunFacts {
  rows: number;
  responses: number;
  /** Prompt + response tokens the engine forwarded in this call, and its time spent scoring them. */
  tokens: number;
  engineSeconds: number;
}

const SCORE_FIELDS = ["ppl", "n_tokens", "mean_entropy", "nll_sum"] as const;

function scoreStage(o: ScoreRun): RowStage<ScoreRow> {
  const ids = (src: SourceRow, p: ScoreRow) => p.responses.map((_, j) => (p.list ? `${src.line}.${j}` : String(src.line)));
  return {
    input: o.input,
    parse: (src) => parseScoreRow(src, o.fields, o.shape, o.noPrompt),
    items: (src, p) => ids(src, p).map((id, j) => ({ id, prompt: p.prompt, response: p.responses[j] })),
    resultKeys: ids,
    resultKey: (r) => String(r.id),
    combine: (src, p, got, engine) => [{
      ...src.row,
      ...Object.fromEntries(SCORE_FIELDS.map((k) => [k, p.list ? got.map((g) => g[k]) : got[0][k]])),
      ...(got.length ? { scored_by: { model: o.model, dtype: engine.dtype ?? null, device: engine.device ?? null } } : {}),
    }],
  };
}

export async function scoreFile(o: ScoreRun): Promise<ScoreSummary> {
  assertReadable(o.input);
  assertModelDir(o.model);
  const started = Date.now();
  const r = await runStagedJob(scoreStage(o), {
    job: "score",
    output: o.output,
    rejects: o.rejects,
    spec: (input, output) => ({ ...o.engine, model: resolve(o.model), input, output, no_prompt: o.noPrompt }),
    progress: (n) => o.progress(`scoring ${n} responses`, n),
  });
  return {
    ...runFacts(o, r, started),
    rows: r.rows,
    responses: r.items,
    tokens: typeof r.engine.tokens_forwarded === "number" ? r.engine.tokens_forwarded : 0,
    engineSeconds: typeof r.engine.seconds === "number" ? r.engine.seconds : 0,
  };
}
