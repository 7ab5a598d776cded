// The config of the `oxa explore` stage. Sampling options are the generate spec's fields
// (engine/jobs/generate.ts); where Self-Explore wants another default it says so here: k = 4
// completions per step prefix at temperature 0.7 (the authors' settings). Step splitting, verifier
// and backend options come from their own schemas, so each default is written once.
import { z } from "zod";
import { outputFormatField } from "../io/output-format.ts";
import { chatFlags, device, dtype } from "../engine/jobs/common.ts";
import { generateSpec as G } from "../engine/jobs/generate.ts";
import { generationBackendFlags } from "../backend/index.ts";
import { selfSampleFlags } from "./self-samples.ts";
import { splitOptionsSchema } from "./split-steps.ts";
import { verifyFlags } from "./verify-flags.ts";

export const exploreConfig = z.object({
  input: z.string().describe("self-samples (rows of `oxa sample`) with the gold answer; each is verified and only the wrong ones are explored"),
  out: z.string().describe("explored rationales (JSONL, input order): steps, the completions of every explored step, the first pit"),
  format: outputFormatField,
  model: z.string().describe("the explorer: model directory (the RFT model in Self-Explore)"),
  k: z.number().int().min(1).default(4).describe("completions sampled from each step prefix (the paper: 4)"),
  temperature: G.shape.temperature.removeDefault().default(0.7).describe("sampling temperature of the completions (the paper: 0.7; must be > 0 for k > 1 to differ)"),
  topP: G.shape.top_p,
  maxNewTokens: G.shape.max_new_tokens,
  seed: G.shape.seed,
  ...selfSampleFlags,
  ...splitOptionsSchema.shape,
  ...chatFlags,
  ...verifyFlags,
  batchSize: G.shape.batch_size,
  device,
  dtype,
  ...generationBackendFlags,
  summary: z.string().optional().describe("JSON summary path (default: <out>.summary.json)"),
});

export type ExploreConfig = z.output<typeof exploreConfig>;
