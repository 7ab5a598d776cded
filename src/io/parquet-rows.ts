// Parquet rows, one row group at a time: the file is read through positioned reads (never loaded
// whole), so memory follows the largest row group, as the teacher datasets' writers size them.
// 64-bit integers (what pyarrow writes for Python ints) become numbers when exact. A file oxa wrote
// carries its RowSchema (parquet-writer.ts): its rows come back as written — json columns parsed,
// the other fields unpacked after the declared columns — so JSONL -> Parquet -> JSONL is byte-identical.
// A broken file is an InputError naming it and where: the byte offset a cut-short file ends at, or the
// rows of a damaged row group.
import { closeSync, openSync, readSync, statSync } from "node:fs";
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, type AsyncBuffer, type FileMetaData } from "hyparquet";
import { InputError } from "./errors.ts";
import type { Row } from "./records.ts";
import { plainNumbers } from "./plain-numbers.ts";
import { REST_COLUMN, type RowSchema } from "./row-schema.ts";
import { SCHEMA_KEY } from "./parquet-writer.ts";

function restore(schema: RowSchema, row: Row): Row {
  const rest = row[REST_COLUMN];
  const out: Row = schema.rest && schema.restFirst && typeof rest === "string" ? JSON.parse(rest) : {};
  for (const c of schema.columns) {
    const v = row[c.name] ?? null;
    out[c.name] = c.type === "json" && v !== null ? JSON.parse(v as string) : v;
  }
  if (schema.rest && !schema.restFirst && typeof rest === "string") Object.assign(out, JSON.parse(rest));
  return out;
}

/** A Parquet file's size, for a message saying where it breaks off. */
const sizeOf = (path: string) => statSync(path).size;

/**
 * Opens a Parquet file and reads its footer, naming the file and what is wrong when it cannot: a
 * file cut short has lost its footer (the last 8 bytes: footer length and the marker PAR1).
 */
export async function openParquet(path: string): Promise<{ file: AsyncBuffer; metadata: FileMetaData; schema: RowSchema | null }> {
  let file: AsyncBuffer;
  let metadata: FileMetaData;
  try {
    file = await asyncBufferFromFile(path);
    metadata = await parquetMetadataAsync(file);
  } catch (e) {
    const size = sizeOf(path);
    const tail = size >= 4 ? readTail(path, size) : "";
    if (tail !== "PAR1") throw new InputError(`not a readable Parquet file: it is ${size} bytes and does not end with Parquet's footer marker PAR1 (byte offset ${size}); it is cut short, or not Parquet`, { file: path });
    throw new InputError(`not a readable Parquet file: its footer (metadata) is broken (${(e as Error).message})`, { file: path });
  }
  const kv = metadata.key_value_metadata?.find((e) => e.key === SCHEMA_KEY);
  let schema: RowSchema | null = null;
  if (kv?.value) {
    try {
      schema = JSON.parse(kv.value) as RowSchema;
    } catch {
      throw new InputError(`its ${SCHEMA_KEY} metadata is not JSON`, { file: path });
    }
  }
  return { file, metadata, schema };
}

function readTail(path: string, size: number): string {
  const fd = openSync(path, "r");
  try {
    const b = Buffer.alloc(4);
    readSync(fd, b, 0, 4, size - 4);
    return b.toString("latin1");
  } finally {
    closeSync(fd);
  }
}

export async function* parquetRows(path: string): AsyncGenerator<{ row: Row; line: number }> {
  const { file, metadata, schema } = await openParquet(path);
  let rowStart = 0;
  for (const [g, group] of metadata.row_groups.entries()) {
    const n = Number(group.num_rows);
    let rows: Row[];
    try {
      rows = (await parquetReadObjects({ file, rowStart, rowEnd: rowStart + n })) as Row[];
    } catch (e) {
      // a damaged data page: name the row group by its rows (lines, as JSONL counts them) and where its data starts
      const at = group.columns[0]?.meta_data?.data_page_offset;
      const where = at === undefined ? "" : `, from byte offset ${at}`;
      throw new InputError(`row group ${g + 1} (rows ${rowStart + 1}-${rowStart + n}${where}) is not readable (${(e as Error).message}); the file is damaged`, { file: path, line: rowStart + 1 });
    }
    for (let i = 0; i < rows.length; i++) {
      const row = plainNumbers(rows[i], path, rowStart + i + 1) as Row;
      yield { row: schema ? restore(schema, row) : row, line: rowStart + i + 1 };
    }
    rowStart += n;
  }
}
