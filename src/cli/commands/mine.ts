// `oxa mine`: high-confidence errors (low-PPL, verified-wrong self-samples) for unlikelihood training.
import { z } from "zod";
import { defineCommand } from "../command.ts";
import { MINE_DEFAULTS as D, runMine, type MineResult } from "../../mine/index.ts";
import { poolFieldFlags, poolFieldsOf } from "../../select/index.ts";

const schema = z.object({
  input: z.string().describe("verified self-samples scored under the base model: .jsonl, .json or .parquet"),
  out: z.string().describe("where the mined errors go (JSONL, PPL ascending)"),
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

export const mineCommand = defineCommand({
  name: "mine",
  summary: "pick high-confidence errors (low-PPL wrong self-samples) for unlikelihood training",
  description: `Keeps incorrect samples only; drops unverified, failed (empty, or flagged by --failed-field),
unscored, over-long (--max-len) and degenerate (PPL < --min-ppl) ones; keeps at most --per-query per
query (the lowest PPL, however many rows repeat the query), then the --k lowest PPL overall.
Rows: {query, response, ppl, len, ...the row's other fields}.`,
  examples: [
    "oxa mine rollouts-scored.jsonl errors.jsonl",
    "oxa mine rollouts-scored.jsonl errors.jsonl --k 50000 --max-len 32768 --failed-field truncated",
    "oxa mine grouped.jsonl errors.jsonl --responses-field responses --ppl-field ppls --length-field lengths --correct-field verdicts",
  ],
  positionals: ["input", "out"],
  schema,
  async run(c, ctx) {
    return runMine({
      ...c,
      fields: { ...poolFieldsOf(c), correct: c.correctField, failed: c.failedField },
      progress: ctx.progress,
    });
  },
  format: (r: MineResult) =>
    `mined ${r.mined} of ${r.requested} requested from ${r.candidates} candidate errors (${r.queries} queries)` +
    `${r.mined ? `, PPL ${r.ppl.min} … ${r.ppl.max}` : ""}\n  rows:    ${r.out}\n  summary: ${r.stats}\n`,
});
