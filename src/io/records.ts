// Dataset rows from JSONL, JSON (a list of objects, or an object of arrays: json-columns.ts) or Parquet, as one stream of plain objects.
// JSONL and JSON stream in bounded memory, plain or compressed (.gz, .zst), Parquet by row group; every row carries its
// line (or row) number for error messages, and its byte span where a later pass can seek back to it.
import { existsSync, statSync } from "node:fs";
import { extname } from "node:path";
import { InputError } from "./errors.ts";
import { assertUtf8, readLines } from "./lines.ts";
import { compressionOf, readBytes, withoutCompression } from "./byte-stream.ts";
import { splitJsonArray } from "./json-array.ts";
import { columnarRows, isColumnarJson } from "./json-columns.ts";
import { valueAt } from "./field-path.ts";
import { parquetRows } from "./parquet-rows.ts";
import { datasetRows, isDatasetDir } from "./arrow-dataset.ts";

export type Row = Record<string, unknown>;

export interface SourceRow {
  row: Row;
  /** 1-based line (JSONL) or element/row number (JSON, Parquet). */
  line: number;
  file: string;
  /** Byte offset and length of the row's text in the (decompressed) file; absent for Parquet. */
  offset?: number;
  bytes?: number;
}

export type Format = "jsonl" | "json" | "parquet" | "datasets";

export function formatOf(path: string): Format {
  if (isDirectory(path) && isDatasetDir(path)) return "datasets";
  const ext = extname(withoutCompression(path)).toLowerCase();
  if (ext === ".jsonl" || ext === ".ndjson") return "jsonl";
  if (ext === ".json") return "json";
  if (ext === ".parquet") return "parquet";
  throw new InputError(`unknown file type "${ext}": use .jsonl, .json or .parquet (.jsonl and .json may be compressed: .gz, .zst)`, { file: path });
}

/** True when rows can be read back by byte offset (a plain JSONL or JSON file). */
export const seekable = (path: string) => compressionOf(path) === null && (formatOf(path) === "jsonl" || formatOf(path) === "json");

const isDirectory = (path: string) => existsSync(path) && statSync(path).isDirectory();

export function assertReadable(path: string): void {
  if (!existsSync(path)) throw new InputError("file not found", { file: path });
  if (statSync(path).isDirectory()) {
    if (isDatasetDir(path)) return;
    throw new InputError("is a directory; name a file (or a `datasets` save_to_disk folder)", { file: path });
  }
  if (!statSync(path).isFile()) throw new InputError("not a regular file", { file: path });
}

export interface ReadOptions {
  /** Rows that cannot be parsed are passed here instead of throwing (for --skip-invalid). */
  onInvalid?: (err: InputError, raw: string) => void;
}

/** Streams the rows of a dataset file. Blank JSONL lines are skipped. */
export async function* readRecords(path: string, opts: ReadOptions = {}): AsyncGenerator<SourceRow> {
  assertReadable(path);
  const format = formatOf(path);
  if (format === "jsonl") {
    for await (const l of readLines(path)) {
      if (l.text.trim() === "") continue;
      let row: unknown;
      try {
        row = JSON.parse(l.text);
      } catch (e) {
        const err = new InputError(`malformed JSON (${(e as Error).message})`, { file: path, line: l.line });
        if (opts.onInvalid) {
          opts.onInvalid(err, l.text);
          continue;
        }
        throw err;
      }
      if (row === null || typeof row !== "object" || Array.isArray(row)) {
        const err = new InputError("each line must be a JSON object", { file: path, line: l.line });
        if (opts.onInvalid) {
          opts.onInvalid(err, l.text);
          continue;
        }
        throw err;
      }
      yield { row: row as Row, line: l.line, file: path, offset: l.offset, bytes: l.bytes };
    }
    return;
  }
  if (format === "json" && (await isColumnarJson(path))) {
    for await (const r of columnarRows(path)) yield { row: r.row, line: r.line, file: path };
    return;
  }
  if (format === "json") {
    for await (const el of splitJsonArray(readBytes(path), path)) {
      assertUtf8(el.buf, el.start, el.end, path, el.index, el.offset);
      let row: unknown;
      try {
        row = JSON.parse(el.buf.toString("utf8", el.start, el.end));
      } catch (e) {
        throw new InputError(`element ${el.index} is malformed JSON (${(e as Error).message}; byte offset ${el.offset})`, { file: path, line: el.index });
      }
      yield { row: row as Row, line: el.index, file: path, offset: el.offset, bytes: el.bytes };
    }
    return;
  }
  if (compressionOf(path)) throw new InputError("a compressed Parquet file: Parquet compresses its own pages; give the .parquet file", { file: path });
  const rows = format === "datasets" ? datasetRows(path) : parquetRows(path);
  for await (const r of rows) yield { row: r.row, line: r.line, file: path };
}

/** Reads a field and checks its type, naming file, line and field when it is missing or wrong. */
export function field<T extends "string" | "number" | "boolean" | "array">(
  src: SourceRow,
  name: string,
  type: T,
): T extends "string" ? string : T extends "number" ? number : T extends "boolean" ? boolean : unknown[] {
  const v = valueAt(src.row, name);
  if (v === undefined || v === null) throw new InputError("missing field", { file: src.file, line: src.line, field: name });
  const ok = type === "array" ? Array.isArray(v) : typeof v === type;
  if (!ok) {
    throw new InputError(`expected a ${type}, got ${Array.isArray(v) ? "array" : typeof v}`, { file: src.file, line: src.line, field: name });
  }
  return v as never;
}
