// The `score` stage: reads a dataset in either shape, sends every response to the engine's score
// job, and writes the rows back, in input order, with ppl / n_tokens / mean_entropy / nll_sum added
// (lists for list rows). Memory stays bounded: rows stream out to the engine's input file and the
// merge re-reads the input beside the engine's output. Resumable: the engine's partial output lives
// in <output>.work/ under a name derived from the exact items, so a rerun of the same command
// continues where a killed one stopped, and a changed input starts afresh.
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { AtomicJsonlWriter } from "../io/atomic.ts";
import { InputError, UsageError } from "../io/errors.ts";
import { assertReadable, readRecords, type Row } from "../io/records.ts";
import type { Progress } from "../cli/progress.ts";
import { runJob } from "../engine/run-job.ts";
import type { JobSpec } from "../engine/jobs/index.ts";
import { assertModelDir } from "./assert-model-dir.ts";
import { parseScoreRow, type ScoreFields, type Shape } from "./score-row.ts";

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

export interface ScoreSummary {
  input: string;
  output: string;
  rows: number;
  responses: number;
  rejected: number;
  rejects: string | null;
  model: string;
  dtype: string | null;
  device: string | null;
  resumed: number;
  seconds: number;
}

const SCORE_FIELDS = ["ppl", "n_tokens", "mean_entropy", "nll_sum"] as const;
const itemId = (line: number, j: number, list: boolean) => (list ? `${line}.${j}` : String(line));

export async function scoreFile(o: ScoreRun): Promise<ScoreSummary> {
  assertReadable(o.input);
  assertModelDir(o.model);
  if (!o.output.endsWith(".jsonl")) throw new UsageError(`--output must be a .jsonl file, got ${o.output}`);
  const started = Date.now();
  const work = `${o.output}.work`;
  mkdirSync(work, { recursive: true });
  const staged = await stageItems(o, join(work, "items.jsonl")).catch((e) => {
    if (!readdirSync(work).some((f) => f.endsWith(".partial"))) rmSync(work, { recursive: true, force: true });
    throw e;
  });
  let engine: Record<string, unknown> = {};
  const scores = join(work, `scores-${staged.hash}.jsonl`);
  if (staged.responses > 0) {
    const bar = o.progress(`scoring ${staged.responses} responses`, staged.responses);
    const spec = { ...o.engine, model: o.model, input: join(work, "items.jsonl"), output: scores, no_prompt: o.noPrompt };
    engine = (await runJob("score", spec, { workDir: work, progress: bar })).result;
  }
  const scoredBy = { model: o.model, dtype: engine.dtype ?? null, device: engine.device ?? null };
  const rows = await mergeScores(o, staged.responses > 0 ? scores : null, scoredBy);
  rmSync(work, { recursive: true, force: true });
  return {
    input: o.input,
    output: o.output,
    rows,
    responses: staged.responses,
    rejected: staged.rejected,
    rejects: o.rejects,
    model: o.model,
    dtype: (engine.dtype as string) ?? null,
    device: (engine.device as string) ?? null,
    resumed: (engine.resumed as number) ?? 0,
    seconds: (Date.now() - started) / 1000,
  };
}

/** Pass 1: validates every row and writes the engine's items; bad rows go to the rejects file. */
async function stageItems(o: ScoreRun, itemsPath: string): Promise<{ responses: number; rejected: number; hash: string }> {
  const items = new AtomicJsonlWriter(itemsPath);
  const rejects = o.rejects ? new AtomicJsonlWriter(o.rejects) : null;
  const hash = createHash("sha256");
  const bad: InputError[] = [];
  const reject = async (e: InputError) => {
    if (!rejects) throw e;
    await rejects.write({ line: e.line ?? null, field: e.field ?? null, reason: e.message });
  };
  let responses = 0;
  try {
    for await (const src of readRecords(o.input, { onInvalid: rejects ? (e) => bad.push(e) : undefined })) {
      for (const e of bad.splice(0)) await reject(e);
      let parsed;
      try {
        parsed = parseScoreRow(src, o.fields, o.shape, o.noPrompt);
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        await reject(e);
        continue;
      }
      for (const [j, response] of parsed.responses.entries()) {
        const item = { id: itemId(src.line, j, parsed.list), prompt: parsed.prompt, response };
        hash.update(JSON.stringify(item) + "\n");
        await items.write(item);
        responses++;
      }
    }
    for (const e of bad.splice(0)) await reject(e);
  } catch (e) {
    await items.abort();
    await rejects?.abort();
    throw e;
  }
  await items.close();
  await rejects?.close();
  return { responses, rejected: rejects?.count ?? 0, hash: hash.digest("hex").slice(0, 16) };
}

/** Pass 2: the input again, beside the engine's output (same order), into the output file. */
async function mergeScores(o: ScoreRun, scoresPath: string | null, scoredBy: Row): Promise<number> {
  const scores = scoresPath ? readRecords(scoresPath)[Symbol.asyncIterator]() : null;
  const out = new AtomicJsonlWriter(o.output);
  try {
    for await (const src of readRecords(o.input, { onInvalid: () => {} })) {
      let parsed;
      try {
        parsed = parseScoreRow(src, o.fields, o.shape, o.noPrompt);
      } catch {
        continue; // rejected in pass 1
      }
      const got: Row[] = [];
      for (let j = 0; j < parsed.responses.length; j++) {
        const next = await scores!.next();
        const want = itemId(src.line, j, parsed.list);
        if (next.done || next.value.row.id !== want) throw new Error(`engine output out of step at item ${want} (${scoresPath})`);
        got.push(next.value.row);
      }
      const added = Object.fromEntries(SCORE_FIELDS.map((k) => [k, parsed.list ? got.map((g) => g[k]) : got[0][k]]));
      await out.write({ ...src.row, ...added, ...(got.length ? { scored_by: scoredBy } : {}) });
    }
  } catch (e) {
    await out.abort();
    throw e;
  }
  await out.close();
  return out.count;
}
