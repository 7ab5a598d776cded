// The config of the `oxa rft` stage: the RFT training set from verified self-samples. The
// per-problem cap (8) and the near-duplicate threshold are the authors' cap and our documented
// measure (near-duplicate.ts); fields and verifier options come from their shared flags.
import { z } from "zod";
import { outputFormatField } from "../io/output-format.ts";
import { selfSampleFlags } from "./self-samples.ts";
import { verifyFlags } from "./verify-flags.ts";

export const rftConfig = z.object({
  input: z.string().describe("self-samples (`oxa sample` output, either shape) with the gold answer: .jsonl, .json or .parquet"),
  out: z.string().describe("the RFT training set (JSONL, the rows `oxa train` reads: {id, prompt, response, loss_type: 0} plus problem_id)"),
  format: outputFormatField,
  perProblem: z.number().int().min(1).default(8).describe("at most this many correct samples per problem (the paper: 8)"),
  similarity: z.number().gt(0).max(1).default(0.9).describe("near-duplicates: token-set Jaccard similarity at or above this (after normalising spacing and numbers) keeps only the first"),
  seed: z.number().int().default(0).describe("seeds the order in which a problem's correct samples are considered (the cap and dedup keep the first)"),
  ...selfSampleFlags,
  ...verifyFlags,
  stats: z.string().optional().describe("JSON summary path (default: <out>.stats.json)"),
});

export type RftConfig = z.output<typeof rftConfig>;
