// Parquet rows, one row group at a time: the file is read through positioned reads (never loaded
// whole), so memory follows the largest row group, as the teacher datasets' writers size them.
// 64-bit integers (what pyarrow writes for Python ints) become numbers when exact. A file oxa wrote
// carries its RowSchema (parquet-writer.ts): its rows come back as written — json columns parsed,
// the other fields unpacked after the declared columns — so JSONL -> Parquet -> JSONL is byte-identical.
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from "hyparquet";
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

export async function* parquetRows(path: string): AsyncGenerator<{ row: Row; line: number }> {
  const broken = (e: unknown) => new InputError(`not a readable Parquet file (${(e as Error).message}); is it truncated?`, { file: path });
  let file: Awaited<ReturnType<typeof asyncBufferFromFile>>;
  let groups: { num_rows: bigint | number }[];
  let schema: RowSchema | null = null;
  try {
    file = await asyncBufferFromFile(path);
    const metadata = await parquetMetadataAsync(file);
    groups = metadata.row_groups;
    const kv = metadata.key_value_metadata?.find((e) => e.key === SCHEMA_KEY);
    if (kv?.value) schema = JSON.parse(kv.value) as RowSchema;
  } catch (e) {
    throw broken(e);
  }
  let rowStart = 0;
  for (const g of groups) {
    const n = Number(g.num_rows);
    let rows: Row[];
    try {
      rows = (await parquetReadObjects({ file, rowStart, rowEnd: rowStart + n })) as Row[];
    } catch (e) {
      throw broken(e);
    }
    for (let i = 0; i < rows.length; i++) {
      const row = plainNumbers(rows[i], path, rowStart + i + 1) as Row;
      yield { row: schema ? restore(schema, row) : row, line: rowStart + i + 1 };
    }
    rowStart += n;
  }
}
