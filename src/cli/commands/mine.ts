// `oxa mine`: high-confidence errors (low-PPL, verified-wrong self-samples) for unlikelihood training.
import { defineCommand } from "../../command/command.ts";
import { mineConfig, runMine, type MineResult } from "../../mine/index.ts";
import { besideOut, duplicateNote, poolFieldsOf } from "../../select/index.ts";

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
  schema: mineConfig,
  files: (c) => ({
    inputs: [{ option: "--input", path: c.input }],
    outputs: [
      { option: "--out", path: c.out },
      { option: "--stats", path: c.stats ?? besideOut(c.out, ".stats.json") },
    ],
  }),
  async run(c, ctx) {
    return runMine({
      ...c,
      fields: { ...poolFieldsOf(c), correct: c.correctField, failed: c.failedField },
      progress: ctx.progress,
    });
  },
  format: (r: MineResult) =>
    `mined ${r.mined} of ${r.requested} requested from ${r.candidates} candidate errors (${r.queries} queries)` +
    `${r.mined ? `, PPL ${r.ppl.min} … ${r.ppl.max}` : ""}\n${duplicateNote(r.duplicates)}  rows:    ${r.out}\n  summary: ${r.stats}\n`,
});
