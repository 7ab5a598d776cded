// Which format a row output is written in: `--format jsonl|parquet`, else by the file's extension
// (.parquet is Parquet, anything else JSONL). One field declaration shared by every command's config.
import { extname } from "node:path";
import { z } from "zod";
import { UsageError } from "./errors.ts";

export type OutputFormat = "jsonl" | "parquet";

export const outputFormatField = z
  .enum(["jsonl", "parquet"])
  .optional()
  .describe("format of the row output: jsonl or parquet (default: by the file's extension, .parquet is Parquet)");

/** The format of `path`: the one asked for, else the extension's. A .parquet path asked as JSONL (or the reverse) is a UsageError. */
export function outputFormatOf(path: string, asked?: OutputFormat): OutputFormat {
  const byExt: OutputFormat = extname(path).toLowerCase() === ".parquet" ? "parquet" : "jsonl";
  if (!asked) return byExt;
  if (asked === "jsonl" && byExt === "parquet") throw new UsageError(`--format jsonl but ${path} ends in .parquet`);
  if (asked === "parquet" && /\.jsonl?$|\.ndjson$/i.test(path)) throw new UsageError(`--format parquet but ${path} ends in ${extname(path)}`);
  return asked;
}
