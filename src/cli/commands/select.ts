// `oxa select`: the OXA training subset (Gaussian-guided PPL sampling) or a baseline subset.
import { z } from "zod";
import { defineCommand } from "../command.ts";
import { poolFieldFlags, poolFieldsOf, runSelect, SELECT_DEFAULTS as D, STRATEGIES, type SelectResult } from "../../select/index.ts";

const schema = z.object({
  input: z.string().describe("scored (and verified) responses: .jsonl, .json or .parquet"),
  out: z.string().describe("where the selected rows go (JSONL)"),
  strategy: z.enum(STRATEGIES).default(D.strategy).describe("gaussian (OXA), random (SFT), lowest-ppl (SFT_LP), interval (uniform PPL in [min, max]) or long-low-ppl"),
  n: z.number().int().positive().default(D.n).describe("how many responses to select (N)"),
  perQuery: z.number().int().positive().default(D.perQuery).describe("at most this many responses per query (d)"),
  mu: z.number().default(D.mu).describe("Gaussian centre: 2.5 for ~1.5B/3B models, 3.0 for ~7B and Qwen3-1.7B"),
  sigma: z.number().positive().default(D.sigma).describe("Gaussian spread"),
  minPpl: z.number().optional().describe("lower PPL bound (gaussian: 1.0; interval: required; others: none)"),
  maxPpl: z.number().optional().describe("upper PPL bound (gaussian: 5.0; interval: required; long-low-ppl: the pool's median; others: none)"),
  binWidth: z.number().positive().default(D.binWidth).describe("PPL bin width (gaussian, interval)"),
  redistribute: z.boolean().default(D.redistribute).describe("give a short bin's missing units to the nearest bins that still have candidates"),
  seed: z.number().int().default(D.seed).describe("seed for tie-breaks and the final shuffle"),
  ...poolFieldFlags,
  correctField: z.string().optional().describe("field holding the verdict (or the list of verdicts); when given, only correct responses are candidates"),
  threads: z.number().int().positive().default(1).describe("threads for reading a JSONL file of 64 MiB or more (2 pays only with a free second core)"),
  stats: z.string().optional().describe("JSON summary path (default: <out>.stats.json)"),
  svg: z.string().optional().describe("picture path (default: <out>.svg)"),
});

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
  schema,
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
    `  rows:    ${r.out}\n  summary: ${r.stats}\n  picture: ${r.svg}\n`,
});
