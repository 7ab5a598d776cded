// A command's output row schema, declared once: the columns every row has (name, type, nullable) and
// whether the row's other fields (an input row's own fields passed through) are kept. JSONL and
// Parquet outputs are both written through it (row-writer.ts), so two runs on different inputs write
// the same Parquet schema even when a column is null in every row, and a row reads back from Parquet
// as the same JSON text it was written as (docs/interop.md, "Parquet outputs").
import { InputError } from "./errors.ts";

/**
 * string, int (INT64; safe integers only), double, bool: Parquet scalars. strings / ints / doubles: a
 * Parquet LIST of that scalar (lists of responses, token counts, PPLs). json: any JSON value of no fixed shape, as a UTF-8
 * column holding its JSON text (Parquet has no type for "any").
 */
export type ColumnType = "string" | "int" | "double" | "bool" | "json" | "strings" | "ints" | "doubles";

export interface Column {
  readonly name: string;
  readonly type: ColumnType;
  /** A null value is allowed; an absent field is written as null. Else a missing value is an error. */
  readonly nullable: boolean;
}

export interface RowSchema {
  /** The command the rows come from (stored in the Parquet file's metadata). */
  readonly name: string;
  readonly columns: readonly Column[];
  /** Keep fields not declared as columns: in JSONL as they are, in Parquet as one JSON object in REST_COLUMN. */
  readonly rest: boolean;
  /**
   * The row's other fields come first (commands that pass an input row through and add fields to it:
   * score, sample, verify), so the JSONL keeps the input's key order. Default: declared columns first.
   */
  readonly restFirst?: boolean;
}

/** The Parquet column holding a row's undeclared fields as a JSON object (null when there are none). */
export const REST_COLUMN = "other_fields";

export const col = (name: string, type: ColumnType, nullable = false): Column => ({ name, type, nullable });

/** A schema for rows of no declared shape: everything in the rest column. */
export const looseSchema = (name: string): RowSchema => ({ name, columns: [], rest: true });

const SCALAR: Record<string, (v: unknown) => boolean> = {
  string: (v) => typeof v === "string",
  int: (v) => Number.isSafeInteger(v),
  double: (v) => typeof v === "number",
  bool: (v) => typeof v === "boolean",
  json: () => true,
};

function fits(type: ColumnType, v: unknown): boolean {
  if (type === "strings") return Array.isArray(v) && v.every((x) => x === null || typeof x === "string");
  if (type === "ints") return Array.isArray(v) && v.every((x) => x === null || Number.isSafeInteger(x));
  if (type === "doubles") return Array.isArray(v) && v.every((x) => x === null || typeof x === "number");
  return SCALAR[type](v);
}

/**
 * The row as both formats write it: declared columns in schema order (absent nullable ones as null),
 * and the other fields in their own order, after them (or before them: restFirst). A value of the wrong type, a missing required
 * column or an undeclared field without `rest` is an InputError naming the row and field.
 */
export function shapeRow(schema: RowSchema, row: Record<string, unknown>, file: string, line: number): Record<string, unknown> {
  const declared: Record<string, unknown> = {};
  for (const c of schema.columns) {
    const v = row[c.name] === undefined ? null : row[c.name];
    if (v === null) {
      if (!c.nullable) throw new InputError(`missing value for the ${schema.name} column ${c.name}`, { file, line, field: c.name });
    } else if (!fits(c.type, v)) {
      throw new InputError(`not a ${c.type} value, as ${schema.name}'s row schema declares`, { file, line, field: c.name });
    }
    declared[c.name] = v;
  }
  const rest: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (k in declared || v === undefined) continue;
    if (!schema.rest) throw new InputError(`a field ${schema.name}'s row schema does not declare`, { file, line, field: k });
    if (k === REST_COLUMN) throw new InputError(`the field name ${REST_COLUMN} is where Parquet outputs keep undeclared fields; rename it`, { file, line, field: k });
    rest[k] = v;
  }
  return schema.restFirst ? { ...rest, ...declared } : { ...declared, ...rest };
}
