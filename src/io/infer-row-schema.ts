// A row schema inferred from a file's rows (for `oxa convert` of a file oxa did not write): one pass
// over the rows; each top-level field becomes a column of the narrowest type every non-null value fits
// (int < double; lists of strings, integers or numbers; anything else json), nullable when some row lacks it or
// holds null. Columns come in the order fields first appear.
import { col, type ColumnType, type RowSchema } from "./row-schema.ts";

function typeOf(v: unknown): ColumnType {
  if (typeof v === "string") return "string";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "number") return Number.isSafeInteger(v) ? "int" : "double";
  if (Array.isArray(v) && v.length > 0) {
    if (v.every((x) => x === null || typeof x === "string")) return "strings";
    if (v.every((x) => x === null || Number.isSafeInteger(x))) return "ints";
    if (v.every((x) => x === null || typeof x === "number")) return "doubles";
  }
  return "json";
}

function join(a: ColumnType | null, b: ColumnType): ColumnType {
  if (a === null || a === b) return b;
  if ((a === "int" && b === "double") || (a === "double" && b === "int")) return "double";
  if ((a === "ints" && b === "doubles") || (a === "doubles" && b === "ints")) return "doubles";
  return "json";
}

export async function inferRowSchema(name: string, rows: AsyncIterable<{ row: Record<string, unknown> }>): Promise<RowSchema> {
  const seen = new Map<string, { type: ColumnType | null; nulls: boolean; rows: number; emptyList: boolean }>();
  let n = 0;
  for await (const { row } of rows) {
    n++;
    for (const [k, v] of Object.entries(row)) {
      let s = seen.get(k);
      if (!s) seen.set(k, (s = { type: null, nulls: false, rows: 0, emptyList: false }));
      s.rows++;
      if (v === null) s.nulls = true;
      else if (Array.isArray(v) && v.length === 0) s.emptyList = true; // fits any list type
      else s.type = join(s.type, typeOf(v));
    }
  }
  const columns = [...seen].map(([k, s]) => {
    let type: ColumnType = s.type ?? (s.emptyList ? "strings" : "json");
    if (s.emptyList && type !== "strings" && type !== "ints" && type !== "doubles") type = "json";
    return col(k, type, s.nulls || s.rows < n);
  });
  return { name, columns, rest: false };
}
