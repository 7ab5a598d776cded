// Parquet rows, one row group at a time: the file is read through positioned reads (never loaded
// whole), so memory follows the largest row group, as the teacher datasets' writers size them.
// 64-bit integers (what pyarrow writes for Python ints) become numbers when exact.
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from "hyparquet";
import { InputError } from "./errors.ts";
import type { Row } from "./records.ts";

export async function* parquetRows(path: string): AsyncGenerator<{ row: Row; line: number }> {
  const broken = (e: unknown) => new InputError(`not a readable Parquet file (${(e as Error).message}); is it truncated?`, { file: path });
  let file: Awaited<ReturnType<typeof asyncBufferFromFile>>;
  let groups: { num_rows: bigint | number }[];
  try {
    file = await asyncBufferFromFile(path);
    const metadata = await parquetMetadataAsync(file);
    groups = metadata.row_groups;
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
    for (let i = 0; i < rows.length; i++) yield { row: plainNumbers(rows[i], path, rowStart + i + 1) as Row, line: rowStart + i + 1 };
    rowStart += n;
  }
}

/**
 * Parquet's 64-bit integers arrive as BigInt, which nothing downstream (nor JSON) can take:
 * they become numbers when exactly representable, else an InputError naming row and field.
 */
function plainNumbers(v: unknown, file: string, line: number, field = ""): unknown {
  if (typeof v === "bigint") {
    if (v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER)) return Number(v);
    throw new InputError(`integer ${v} does not fit a double exactly`, { file, line, field: field || undefined });
  }
  if (Array.isArray(v)) return v.map((x, i) => plainNumbers(x, file, line, `${field}[${i}]`));
  if (v !== null && typeof v === "object" && !(v instanceof Date) && !(v instanceof Uint8Array)) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plainNumbers(x, file, line, field ? `${field}.${k}` : k)]));
  }
  return v;
}
