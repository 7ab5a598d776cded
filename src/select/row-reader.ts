// Pass two: the full rows of chosen candidates. Rows of a plain JSONL or JSON file are read back
// by byte offset (one positioned read each, in any order), so only the row at hand is ever in
// memory; a compressed file is streamed once more and only the wanted rows are kept (memory follows
// the selection, not the file); Parquet is loaded whole.
import { closeSync, openSync, readSync } from "node:fs";
import { InputError } from "../io/errors.ts";
import { assertUtf8 } from "../io/lines.ts";
import { formatOf, readRecords, seekable, type Row } from "../io/records.ts";
import { readBytes } from "../io/byte-stream.ts";
import { lineSpans } from "../io/lines.ts";
import { splitJsonArray } from "../io/json-array.ts";
import { isColumnarJson } from "../io/json-columns.ts";
import type { CandidatePool } from "./pool.ts";

export interface RowReader {
  /** The parsed source row of pool entry i. */
  row(i: number): Row;
  close(): void;
}

/** A reader of pool entries' rows; `wanted` (the entries that will be asked for) bounds what a non-seekable file keeps. */
export async function openRowReader(path: string, pool: CandidatePool, wanted?: ArrayLike<number>): Promise<RowReader> {
  const columnar = formatOf(path) === "json" && (await isColumnarJson(path));
  if (columnar || !seekable(path)) {
    const lines = wanted ? new Set(Array.from(wanted, (i) => pool.line[i])) : null;
    const rows = new Map<number, Row>();
    if (lines && !columnar && (formatOf(path) === "json" || formatOf(path) === "jsonl")) {
      // only the wanted records are decoded and parsed; the rest are byte spans passed over
      const spans = formatOf(path) === "json" ? splitJsonArray(readBytes(path), path) : lineSpans(path);
      for await (const sp of spans) {
        const line = "index" in sp ? sp.index : sp.line;
        if (!lines.has(line)) continue;
        assertUtf8(sp.buf, sp.start, sp.end, path, line, sp.offset);
        rows.set(line, parsed(sp.buf.toString("utf8", sp.start, sp.end), path, line));
      }
    } else for await (const r of readRecords(path)) if (!lines || lines.has(r.line)) rows.set(r.line, r.row);
    return {
      row(i) {
        const row = rows.get(pool.line[i]);
        if (!row) throw new InputError("changed since it was read (the row is gone)", { file: path, line: pool.line[i] });
        return row;
      },
      close() {},
    };
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
      return parsed(buf.toString("utf8", 0, n), path, pool.line[i]);
    },
    close: () => closeSync(fd),
  };
}

function parsed(text: string, file: string, line: number): Row {
  try {
    return JSON.parse(text) as Row;
  } catch (e) {
    throw new InputError(`changed since it was read, or malformed (${(e as Error).message})`, { file, line });
  }
}
