// `oxa select`: the OXA training subset (Gaussian-guided PPL sampling) or a baseline subset.
import { defineCommand } from "../../command/command.ts";
import { besideOut, duplicateNote, poolFieldsOf, runSelect, selectConfig, type SelectResult } from "../../select/index.ts";

export const selectCommand = defineCommand({
  name: "select",
  summary: "choose the training subset: Gaussian-guided PPL sampling (OXA) or a baseline",
  description: `Reads scored responses in either shape — one per row ({query, response, ppl, len, correct}) or a
query with parallel lists (responses, ppls, lengths, verdicts) — and writes the chosen ones as JSONL
rows {query, response, ppl, len, ...the row's other fields}, in seeded random order. Each response
is taken at most once; a PPL bin that runs short of candidates stays short and the summary says so
(or pass --redistribute). Same input and seed give byte-identical output.`,
  examples: [
    "oxa select scored.jsonl sel.jsonl --correct-field correct",
    "oxa select scored.jsonl sel-7b.jsonl --mu 3.0 --correct-field correct --seed 1",
    "oxa select grouped.jsonl sel.jsonl --responses-field responses --ppl-field ppls --length-field lengths --correct-field verdicts",
    "oxa select scored.jsonl sft-lp.jsonl --strategy lowest-ppl --correct-field correct",
    "oxa select scored.jsonl band.jsonl --strategy interval --min-ppl 2.5 --max-ppl 3.0 --correct-field correct",
  ],
  positionals: ["input", "out"],
  schema: selectConfig,
  files: (c) => ({
    inputs: [{ option: "--input", path: c.input }],
    outputs: [
      { option: "--out", path: c.out },
      { option: "--stats", path: c.stats ?? besideOut(c.out, ".stats.json") },
      { option: "--svg", path: c.svg ?? besideOut(c.out, ".svg") },
    ],
  }),
  async run(c, ctx) {
    const { result } = await runSelect({
      ...c,
      fields: { ...poolFieldsOf(c), correct: c.correctField },
      progress: ctx.progress,
    });
    return result;
  },
  format: (r: SelectResult) =>
    `selected ${r.selected} of ${r.requested} requested from ${r.candidates} candidates` +
    `${r.shortfall > 0 ? ` (short by ${r.shortfall}; see the per-bin shortfall in ${r.stats})` : ""}\n` +
    duplicateNote(r.duplicates) +
    `  rows:    ${r.out}\n  summary: ${r.stats}\n  picture: ${r.svg}\n`,
});
