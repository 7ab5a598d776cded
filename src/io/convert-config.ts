// The config of `oxa convert`: any readable rows (JSONL, JSON, columnar JSON, Parquet, compressed,
// a `datasets` folder) to JSONL or Parquet.
import { z } from "zod";
import { outputFormatField } from "./output-format.ts";

export const convertConfig = z.object({
  input: z.string().describe("rows to read: .jsonl, .json, .parquet (plain or .gz/.zst for JSON), or a `datasets` save_to_disk folder"),
  out: z.string().describe("where the rows go: .jsonl or .parquet"),
  format: outputFormatField,
  schema: z
    .string()
    .optional()
    .describe("the row schema of a command's output (select, mine, mix, rft, pairs, …); default: the one a Parquet file of oxa's carries, else inferred from the rows"),
});

export type ConvertConfig = z.output<typeof convertConfig>;
