// Parquet rows, one row group at a time: the file is read through positioned reads (never loaded
// whole), so memory follows the largest row group, as the teacher datasets' writers size them.
// 64-bit integers (what pyarrow writes for Python ints) become numbers when exact.
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from "hyparquet";
import { InputError } from "./errors.ts";
import type { Row } from "./records.ts";
import { plainNumbers } from "./plain-numbers.ts";

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
