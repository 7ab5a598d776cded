// The config of the `oxa select` stage (defaults from SELECT_DEFAULTS, written once in select-candidates.ts).
import { z } from "zod";
import { outputFormatField } from "../io/output-format.ts";
import { poolFieldFlags } from "./pool-field-flags.ts";
import { SELECT_DEFAULTS as D, STRATEGIES } from "./select-candidates.ts";

export const selectConfig = z.object({
  input: z.string().describe("scored (and verified) responses: .jsonl, .json or .parquet"),
  out: z.string().describe("where the selected rows go (JSONL or Parquet)"),
  format: outputFormatField,
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

export type SelectConfig = z.output<typeof selectConfig>;
