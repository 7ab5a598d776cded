// Everything the engine hands back — the `done` result, the records of its output files, the
// metrics rows of training — is parsed through a zod schema at this edge. A malformed value is an
// EngineError naming the file (or event), the line and the field, never a cast that fails later.
import type { z } from "zod";
import { EngineError } from "../io/errors.ts";
import { readRecords } from "../io/records.ts";

export interface OutputWhere {
  job: string;
  /** The file the value came from, or a description such as "its done event". */
  file: string;
  line?: number;
}

/** Parses one value; throws EngineError naming where it came from and the first bad field. */
export function parseEngineOutput<S extends z.ZodType>(schema: S, value: unknown, where: OutputWhere): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const iss = r.error.issues[0];
  const field = iss.path.length ? `, field "${iss.path.join(".")}"` : "";
  const line = where.line !== undefined ? `, line ${where.line}` : "";
  throw new EngineError(where.job, `${where.file}${line}${field}: ${iss.message}`);
}

/** Streams a JSONL file the engine wrote, each line parsed through `schema`. */
export async function* readEngineRecords<S extends z.ZodType>(schema: S, path: string, job: string): AsyncGenerator<z.output<S>> {
  for await (const src of readRecords(path)) yield parseEngineOutput(schema, src.row, { job, file: path, line: src.line });
}
