// Parquet files from rows shaped by a declared RowSchema (row-schema.ts): the Parquet schema comes from
// the declaration alone, never from the data, so it is the same on every run (zero rows included). The
// schema itself is stored in the file's key-value metadata (SCHEMA_KEY) so parquet-rows.ts reads each
// row back as the same JSON text it was written as. Rows stream in one row group at a time; the file
// appears only when complete (an atomic temporary, or staged in an OutputGroup).
import { REST_COLUMN, type Column, type RowSchema } from "./row-schema.ts";
import { InputError } from "./errors.ts";
import { commitTemp, discardTemp, tempFor, type OutputGroup } from "./atomic.ts";

/** The key-value metadata entry holding the RowSchema as JSON. */
export const SCHEMA_KEY = "oxa.row_schema";

/** Rows per row group: what a reader holds at once (parquet-rows.ts reads group by group). */
const ROW_GROUP = 4096;

const rep = (nullable: boolean) => (nullable ? "OPTIONAL" : "REQUIRED");

function elements(c: Column): object[] {
  const r = rep(c.nullable);
  switch (c.type) {
    case "string":
    case "json":
      return [{ name: c.name, type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: r }];
    case "int":
      return [{ name: c.name, type: "INT64", repetition_type: r }];
    case "double":
      return [{ name: c.name, type: "DOUBLE", repetition_type: r }];
    case "bool":
      return [{ name: c.name, type: "BOOLEAN", repetition_type: r }];
    case "strings":
    case "ints":
    case "doubles":
      // the three-level LIST pyarrow writes and `datasets` reads as a Sequence
      return [
        { name: c.name, repetition_type: r, converted_type: "LIST", num_children: 1 },
        { name: "list", repetition_type: "REPEATED", num_children: 1 },
        c.type === "strings"
          ? { name: "element", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "OPTIONAL" }
          : { name: "element", type: c.type === "ints" ? "INT64" : "DOUBLE", repetition_type: "OPTIONAL" },
      ];
  }
}

const columnsOf = (s: RowSchema): Column[] => [...s.columns, ...(s.rest ? [{ name: REST_COLUMN, type: "json" as const, nullable: true }] : [])];

/** The flattened Parquet schema (depth first) of a RowSchema. */
export function parquetSchema(s: RowSchema): object[] {
  const cols = columnsOf(s);
  return [{ name: "root", num_children: cols.length }, ...cols.flatMap(elements)];
}

function checkText(v: string, file: string, line: number, field: string): string {
  // Parquet's UTF8 cannot hold a lone surrogate (TextEncoder would turn it into U+FFFD silently)
  if (!(v as unknown as { isWellFormed(): boolean }).isWellFormed()) throw new InputError("a string with a lone UTF-16 surrogate cannot be stored in Parquet", { file, line, field });
  return v;
}

/** One shaped row as Parquet column values (INT64 as bigint, json as its text, other fields packed). */
function encode(s: RowSchema, row: Record<string, unknown>, file: string, line: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const declared = new Set<string>();
  for (const c of s.columns) {
    declared.add(c.name);
    const v = row[c.name] ?? null;
    if (v === null) out[c.name] = null;
    else if (c.type === "int") out[c.name] = BigInt(v as number);
    else if (c.type === "json") out[c.name] = JSON.stringify(v);
    else if (c.type === "string") out[c.name] = checkText(v as string, file, line, c.name);
    else if (c.type === "ints") out[c.name] = (v as (number | null)[]).map((x) => (x === null ? x : BigInt(x)));
    else if (c.type === "strings") out[c.name] = (v as (string | null)[]).map((x, i) => (x === null ? x : checkText(x, file, line, `${c.name}[${i}]`)));
    else out[c.name] = v;
  }
  if (s.rest) {
    const rest = Object.fromEntries(Object.entries(row).filter(([k]) => !declared.has(k)));
    out[REST_COLUMN] = Object.keys(rest).length ? JSON.stringify(rest) : null;
  }
  return out;
}

/**
 * Writes shaped rows (row-schema.ts shapeRow) to `path` as Parquet. With a group the finished file is
 * staged there; otherwise it is renamed into place. On any failure nothing appears at `path`.
 */
export async function writeParquet(
  path: string,
  schema: RowSchema,
  rows: AsyncIterable<{ row: Record<string, unknown>; line: number }>,
  group?: OutputGroup,
): Promise<number> {
  const { ParquetWriter, fileWriter } = await import("hyparquet-writer");
  const tmp = tempFor(path);
  const cols = columnsOf(schema);
  let count = 0;
  try {
    const pq = new ParquetWriter({
      writer: fileWriter(tmp),
      schema: parquetSchema(schema) as never,
      kvMetadata: [{ key: SCHEMA_KEY, value: JSON.stringify(schema) }],
      createdBy: "oxa",
    });
    let batch: Record<string, unknown>[] = [];
    const flush = async () => {
      if (!batch.length) return;
      const columnData = cols.map((c) => ({ name: c.name, data: batch.map((r) => r[c.name]) }));
      await pq.write({ columnData: columnData as never, rowGroupSize: batch.length });
      batch = [];
    };
    for await (const r of rows) {
      batch.push(encode(schema, r.row, path, r.line));
      count++;
      if (batch.length >= ROW_GROUP) await flush();
    }
    await flush();
    await pq.finish();
  } catch (e) {
    discardTemp(tmp);
    throw e;
  }
  if (group) group.stage(tmp, path);
  else commitTemp(tmp, path);
  return count;
}
