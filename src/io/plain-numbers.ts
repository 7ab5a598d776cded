// 64-bit integers from columnar files (Parquet, Arrow) as plain numbers.
import { InputError } from "./errors.ts";

/**
 * Parquet's and Arrow's 64-bit integers arrive as BigInt, which nothing downstream (nor JSON) can take:
 * they become numbers when exactly representable, else an InputError naming row and field.
 */
export function plainNumbers(v: unknown, file: string, line: number, field = ""): unknown {
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
