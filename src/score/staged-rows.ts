// The two passes every row-wise engine stage makes over a dataset, in bounded memory:
//   stageRows  — parse each row, write the engine's items (hashing them), send bad rows to a
//                rejects file (or fail on the first);
//   mergeRows  — re-read the input beside the engine's results (same order) and write each valid
//                row combined with its results.
// `parse` is the same pure function in both passes, so they agree on which rows were rejected.
import { AtomicRowWriter } from "../io/row-writer.ts";
import type { RowSchema } from "../io/row-schema.ts";
import type { OutputFormat } from "../io/output-format.ts";
import { createHash } from "node:crypto";
import type { z } from "zod";
import { AtomicJsonlWriter } from "../io/atomic.ts";
import { EngineError, InputError } from "../io/errors.ts";
import { readRecords, type Row, type SourceRow } from "../io/records.ts";
import { readEngineRecords } from "../engine/engine-output.ts";
import type { JobName, JobResultOf } from "../engine/jobs/index.ts";

/** A row-wise stage over engine job J: P is a parsed input row, R the schema of one engine output record. */
export interface RowStage<P, R extends z.ZodType, J extends JobName> {
  input: string;
  /** The schema every line of the engine's output is parsed through. */
  result: R;
  /** Throws InputError for a row that cannot be used. */
  parse(src: SourceRow): P;
  /** The engine's items for a parsed row, and the keys of the results they will produce. */
  items(src: SourceRow, parsed: P): Row[];
  resultKeys(src: SourceRow, parsed: P): string[];
  resultKey(result: z.output<R>): string;
  /** The output rows of one input row; `engine` is the engine's `done` result (null when nothing ran). */
  combine(src: SourceRow, parsed: P, results: z.output<R>[], engine: JobResultOf<J> | null): Row[];
  /** The output's row schema (the fields the stage adds; the input's own pass through). */
  schema: RowSchema;
  /** JSONL or Parquet (default: by the output's extension). */
  format?: OutputFormat;
}

export interface Staged {
  items: number;
  rejected: number;
  /** sha256 (16 hex) of the items written: names the engine's resumable output. */
  hash: string;
}

export async function stageRows<P, R extends z.ZodType, J extends JobName>(s: RowStage<P, R, J>, itemsPath: string, rejectsPath: string | null): Promise<Staged> {
  const items = new AtomicJsonlWriter(itemsPath);
  const rejects = rejectsPath ? new AtomicJsonlWriter(rejectsPath) : null;
  const hash = createHash("sha256");
  const unparsable: InputError[] = [];
  const reject = async (e: InputError) => {
    if (!rejects) throw e;
    await rejects.write({ line: e.line ?? null, field: e.field ?? null, reason: e.message });
  };
  try {
    for await (const src of readRecords(s.input, { onInvalid: rejects ? (e) => unparsable.push(e) : undefined })) {
      for (const e of unparsable.splice(0)) await reject(e);
      let parsed: P;
      try {
        parsed = s.parse(src);
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        await reject(e);
        continue;
      }
      for (const item of s.items(src, parsed)) {
        hash.update(JSON.stringify(item) + "\n");
        await items.write(item);
      }
    }
    for (const e of unparsable.splice(0)) await reject(e);
  } catch (e) {
    await items.abort();
    await rejects?.abort();
    throw e;
  }
  await items.close();
  await rejects?.close();
  return { items: items.count, rejected: rejects?.count ?? 0, hash: hash.digest("hex").slice(0, 16) };
}

/** Returns the number of lines written. `resultsPath` null = no results (no items were staged). */
export async function mergeRows<P, R extends z.ZodType, J extends JobName>(
  s: RowStage<P, R, J>,
  job: J,
  resultsPath: string | null,
  output: string,
  engine: JobResultOf<J> | null,
): Promise<number> {
  const results = resultsPath ? readEngineRecords(s.result, resultsPath, job)[Symbol.asyncIterator]() : null;
  const out = new AtomicRowWriter(output, { schema: s.schema, format: s.format });
  try {
    for await (const src of readRecords(s.input, { onInvalid: () => {} })) {
      let parsed: P;
      try {
        parsed = s.parse(src);
      } catch {
        continue; // rejected in the first pass
      }
      const got: z.output<R>[] = [];
      for (const want of s.resultKeys(src, parsed)) {
        const next = await results?.next();
        if (!next || next.done || s.resultKey(next.value) !== want) throw new EngineError(job, `${resultsPath}: results out of step with the input at ${want}`);
        got.push(next.value);
      }
      for (const row of s.combine(src, parsed, got, engine)) await out.write(row);
    }
  } catch (e) {
    await out.abort();
    throw e;
  }
  await out.close();
  return out.count;
}
