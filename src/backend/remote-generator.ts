// Sampling on servers: prompts tokenized here (tokenize job: chat.py's boundary, the template's
// default system turn stripped exactly as the local engine does), sent as ids, n samples each.
// Reproducible for a given seed and n whatever the batching, the concurrency or a resume: prompt
// `id` draws with seed_p = hash(seed, id) and its child i with seed_p + i (vLLM's rule for n > 1;
// the SGLang dialect sends n requests seeded so). Records as the engine's generate job writes them
// (mean_entropy null: a server does not return the policy's entropy), in input order, resumable.
import { createHash } from "node:crypto";
import { generateRecord } from "../engine/jobs/generate.ts";
import type { Generator, GenerateRequest } from "./generator.ts";
import type { Remote } from "./remote-backend.ts";
import { runRemote } from "./remote-run.ts";
import type { PoolStats } from "./server-pool.ts";

/** The seed of prompt `id`'s first sample (< 2^30, so seed + i stays a small positive integer). */
export function promptSeed(seed: number, id: string): number {
  return createHash("sha256").update(`${seed}\x00${id}`).digest().readUInt32LE(0) & 0x3fffffff;
}

export interface RemoteGenerateResult {
  samples: number;
  resumed: number;
  tokens_generated: number;
  seconds: number;
  served_model: string;
  pool: PoolStats;
}

export async function remoteGenerate(req: GenerateRequest, r: Remote, log?: (m: string) => void): Promise<RemoteGenerateResult> {
  const s = req.settings;
  const out = await runRemote({
    r,
    model: req.model,
    input: req.promptsPath,
    output: req.output,
    tokenize: { chat: { apply_template: s.apply_template, system_prompt: s.system_prompt } },
    fingerprint: { n: req.n, ...s },
    record: generateRecord,
    minWindow: 32,
    progress: req.progress,
    log,
    work: async (t, served, tok) => {
      const params = { n: req.n, temperature: s.temperature, top_p: s.top_p, max_new_tokens: s.max_new_tokens, seed: promptSeed(s.seed, t.id), stop_ids: tok.result.stop_ids };
      const got = await r.pool.run((ep) => r.dialect.sample(ep, served, t.prompt_ids, params));
      return {
        records: got.map((g, i) => ({ id: t.id, sample: i, text: g.text, n_tokens: g.tokens.length, finish_reason: g.finish_reason, mean_entropy: null })),
        tokens: got.reduce((n, g) => n + g.tokens.length, 0),
      };
    },
  });
  return { samples: out.records, resumed: out.resumed, tokens_generated: out.tokens, seconds: out.seconds, served_model: out.served, pool: r.pool.stats };
}

/** The Generator interface over a remote pool (eval's sample cache uses it like the local one). */
export function remoteGenerator(r: Remote, log?: (m: string) => void): Generator {
  return async (req) => {
    await remoteGenerate(req, r, log);
  };
}
