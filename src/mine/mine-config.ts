// The config of the `oxa mine` stage (defaults from MINE_DEFAULTS, written once in run-mine.ts).
import { z } from "zod";
import { outputFormatField } from "../io/output-format.ts";
import { poolFieldFlags } from "../select/index.ts";
import { MINE_DEFAULTS as D } from "./run-mine.ts";

export const mineConfig = z.object({
  input: z.string().describe("verified self-samples scored under the base model: .jsonl, .json or .parquet"),
  out: z.string().describe("where the mined errors go (JSONL or Parquet, PPL ascending)"),
  format: outputFormatField,
  k: z.number().int().positive().default(D.k).describe("how many errors to keep (the globally lowest PPL)"),
  perQuery: z.number().int().positive().default(D.perQuery).describe("at most this many per query (the lowest PPL), across rows repeating a query"),
  minPpl: z.number().default(D.minPpl).describe("PPL floor: lower is degenerate repetition"),
  maxLen: z.number().positive().optional().describe("drop samples longer than this many tokens"),
  ...poolFieldFlags,
  correctField: z.string().default("correct").describe("field holding the verdict (or the list of verdicts)"),
  failedField: z.string().optional().describe("field that is true for a failed sample (or a list of such flags)"),
  threads: z.number().int().positive().default(1).describe("threads for reading a JSONL file of 64 MiB or more (2 pays only with a free second core)"),
  stats: z.string().optional().describe("JSON summary path (default: <out>.stats.json)"),
});

export type MineConfig = z.output<typeof mineConfig>;
