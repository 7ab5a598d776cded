// The `oxa verify` stage: streams a dataset, verifies every response against its row's gold answer
// on the worker pool, and writes each row back (in input order) with `correct`, `predicted` and
// `reason` added — one value each for a single response, parallel lists for a list of responses.
// Memory stays bounded: at most `window` responses are in flight between reader and writer.
import { AtomicRowWriter } from "../io/row-writer.ts";
import { VERIFY_ROW_SCHEMA } from "./verify-row-schema.ts";
import type { OutputFormat } from "../io/output-format.ts";
import { createReadStream } from "node:fs";
import { InputError } from "../io/errors.ts";
import { formatOf, readRecords, type SourceRow } from "../io/records.ts";
import type { Progress, StartProgress } from "../io/progress.ts";
import { nullProgress } from "../io/progress.ts";
import type { VerifyOptions } from "./options.ts";
import { VerifierPool } from "./verifier-pool.ts";
import type { Verdict } from "./verify.ts";
import { valueAt } from "../io/field-path.ts";

export interface VerifyFileOptions {
  input: string;
  output: string;
  /** JSONL or Parquet (default: by the output's extension). */
  format?: OutputFormat;
  goldField: string;
  responseField: string;
  verify: VerifyOptions;
  /** Worker threads (default: one per core, less one for the main thread). */
  workers?: number;
  progress?: StartProgress;
}

export interface VerifySummary {
  input: string;
  output: string;
  rows: number;
  responses: number;
  correct: number;
  incorrect: number;
  goldUnparsed: number;
  predUnparsed: number;
  timedOut: number;
  /** Comparisons that can be decided neither way (values too large to evaluate): `correct` is null. */
  undecided: number;
  errors: number;
  accuracy: number;
  seconds: number;
  perSecond: number;
  workers: number;
}

function readGold(src: SourceRow, name: string): string {
  const v = valueAt(src.row, name);
  if (typeof v === "string") return v;
  if (typeof v === "number" && Number.isFinite(v)) return String(v);
  const got = v === undefined || v === null ? "nothing" : Array.isArray(v) ? "a list" : typeof v;
  throw new InputError(`expected the gold answer as a string or number, got ${got}`, { file: src.file, line: src.line, field: name });
}

function readResponses(src: SourceRow, name: string): { list: boolean; responses: string[] } {
  const v = valueAt(src.row, name);
  if (typeof v === "string") return { list: false, responses: [v] };
  if (Array.isArray(v) && v.every((x) => typeof x === "string")) return { list: true, responses: v as string[] };
  const got = v === undefined || v === null ? "nothing" : Array.isArray(v) ? "a list with non-string items" : typeof v;
  throw new InputError(`expected a response string or a list of response strings, got ${got}`, { file: src.file, line: src.line, field: name });
}

/** Counts newline bytes, so the progress bar of a JSONL file knows its total. */
async function countLines(path: string): Promise<number> {
  let n = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) n++;
  }
  return n;
}

export async function verifyFile(o: VerifyFileOptions): Promise<VerifySummary> {
  if (!/\.(jsonl|parquet)$/i.test(o.output)) throw new InputError("the output must be a .jsonl or .parquet file", { file: o.output });
  const start = performance.now();
  const total = formatOf(o.input) === "jsonl" ? await countLines(o.input) : undefined;
  const bar = (o.progress ?? (() => nullProgress))("verify", total);
  const pool = new VerifierPool({ workers: o.workers, verify: o.verify });
  const window = pool.size * 512;
  const writer = new AtomicRowWriter(o.output, { schema: VERIFY_ROW_SCHEMA, format: o.format });
  const s = { rows: 0, responses: 0, correct: 0, goldUnparsed: 0, predUnparsed: 0, timedOut: 0, undecided: 0, errors: 0 };
  const pending: { row: Record<string, unknown>; list: boolean; verdicts: Promise<Verdict[]>; size: number }[] = [];
  let inFlight = 0;

  const flushOne = async () => {
    const p = pending.shift()!;
    const verdicts = await p.verdicts;
    inFlight -= p.size;
    for (const v of verdicts) {
      s.correct += v.correct ? 1 : 0;
      s.goldUnparsed += v.status === "gold_unparsed" ? 1 : 0;
      s.predUnparsed += v.status === "pred_unparsed" ? 1 : 0;
      s.timedOut += v.status === "timeout" ? 1 : 0;
      s.undecided += v.status === "undecided" ? 1 : 0;
      s.errors += v.status === "error" ? 1 : 0;
    }
    // an undecided comparison is written as correct: null, which select and mine read as "not verified"
    const value = (v: Verdict, k: "correct" | "predicted" | "reason") => (k === "correct" && v.status === "undecided" ? null : v[k]);
    const pick = (k: "correct" | "predicted" | "reason") => (p.list ? verdicts.map((v) => value(v, k)) : value(verdicts[0], k));
    await writer.write({ ...p.row, correct: pick("correct"), predicted: pick("predicted"), reason: pick("reason") });
    bar.tick(1, `${s.correct}/${s.responses} correct`);
  };

  try {
    for await (const src of readRecords(o.input)) {
      const gold = readGold(src, o.goldField);
      const { list, responses } = readResponses(src, o.responseField);
      s.rows++;
      s.responses += responses.length;
      inFlight += responses.length;
      pending.push({ row: src.row, list, size: responses.length, verdicts: Promise.all(responses.map((r) => pool.verify(gold, r))) });
      while (inFlight > window) await flushOne();
    }
    while (pending.length) await flushOne();
    await writer.close();
  } catch (e) {
    await writer.abort();
    throw e;
  } finally {
    await pool.close();
    bar.finish();
  }
  const seconds = (performance.now() - start) / 1000;
  return {
    input: o.input,
    output: o.output,
    ...s,
    incorrect: s.responses - s.correct - s.undecided,
    accuracy: s.responses ? s.correct / s.responses : 0,
    seconds: Math.round(seconds * 1000) / 1000,
    perSecond: Math.round(s.responses / Math.max(seconds, 1e-9)),
    workers: pool.size,
  };
}
