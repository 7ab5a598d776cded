// Pass two: the full rows of chosen candidates. JSONL rows are read back by byte offset (one
// positioned read each, in any order), so only the row at hand is ever in memory; JSON and
// Parquet files are loaded whole (as the shared reader does) and indexed by row number.
import { closeSync, openSync, readSync } from "node:fs";
import { InputError } from "../io/errors.ts";
import { assertUtf8 } from "../io/lines.ts";
import { formatOf, readRecords, type Row } from "../io/records.ts";
import type { CandidatePool } from "./pool.ts";

export interface RowReader {
  /** The parsed source row of pool entry i. */
  row(i: number): Row;
  close(): void;
}

export async function openRowReader(path: string, pool: CandidatePool): Promise<RowReader> {
  if (formatOf(path) !== "jsonl") {
    const rows: Row[] = [];
    for await (const r of readRecords(path)) rows.push(r.row);
    return { row: (i) => rows[pool.line[i] - 1], close() {} };
  }
  const fd = openSync(path, "r");
  let buf = Buffer.allocUnsafe(1 << 16);
  return {
    row(i) {
      const bytes = pool.bytes[i];
      if (bytes > buf.length) buf = Buffer.allocUnsafe(bytes);
      const n = readSync(fd, buf, 0, bytes, pool.offset[i]);
      // pass one never decodes texts; a chosen row's bytes must be UTF-8 before they are copied out
      assertUtf8(buf, 0, n, path, pool.line[i], pool.offset[i]);
      try {
        return JSON.parse(buf.toString("utf8", 0, n)) as Row;
      } catch (e) {
        throw new InputError(`changed since it was read, or malformed (${(e as Error).message})`, { file: path, line: pool.line[i] });
      }
    },
    close: () => closeSync(fd),
  };
}
