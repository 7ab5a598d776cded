// Sampling on servers: prompts tokenized here (tokenize job: chat.py's boundary, the template's
// default system turn stripped exactly as the local engine does), sent as ids, n samples each.
// Reproducible for a given seed and n whatever the batching, the concurrency or a resume: prompt
// `id` draws with seed_p = hash(seed, id) and its child i with seed_p + i (vLLM's rule for n > 1;
// the SGLang dialect sends n requests seeded so). Records as the engine's generate job writes them
// (mean_entropy null: a server does not return the policy's entropy), in input order, resumable.
import { createHash } from "node:crypto";
import { mkdirSync, rmSync } from "node:fs";
import { generateRecord } from "../engine/jobs/generate.ts";
import { nullProgress } from "../io/progress.ts";
import type { Generator, GenerateRequest } from "./generator.ts";
import { runOrdered } from "./ordered-output.ts";
import { servedModel, type Remote } from "./remote-backend.ts";
import type { PoolStats } from "./server-pool.ts";
import { throughput } from "./throughput.ts";
import { checkProbeAll, readTokenized, tokenizeFile } from "./tokenizer-bridge.ts";

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
  const progress = req.progress ?? nullProgress;
  const work = `${req.output}.tokens`;
  mkdirSync(work, { recursive: true });
  const served = await servedModel(r);
  const chat = { apply_template: req.settings.apply_template, system_prompt: req.settings.system_prompt };
  const tok = await tokenizeFile({ model: req.model, input: req.promptsPath, workDir: work, chat });
  await checkProbeAll(r, served, tok.result.probe, log);
  const stop = tok.result.stop_ids;
  const s = req.settings;
  const started = Date.now();
  let tokens = 0;
  let requests = 0;
  const out = await runOrdered({
    output: req.output,
    fingerprint: { backend: r.dialect.kind, model: req.model, served, n: req.n, ...s },
    record: generateRecord,
    itemId: (rec) => rec.id,
    items: readTokenized(tok.path),
    idOf: (t) => t.id,
    window: Math.max(32, 4 * r.pool.capacity),
    log,
    onDone: (recs, resumed) => {
      if (resumed) progress.tick(recs.length, "resumed");
      else progress.tick(recs.length, throughput(started, requests, tokens, r.pool.stats));
    },
    work: async (t) => {
      const params = { n: req.n, temperature: s.temperature, top_p: s.top_p, max_new_tokens: s.max_new_tokens, seed: promptSeed(s.seed, t.id), stop_ids: stop };
      const got = await r.pool.run((ep) => r.dialect.sample(ep, served, t.prompt_ids, params));
      requests++;
      return got.map((g, i) => {
        tokens += g.tokens.length;
        return { id: t.id, sample: i, text: g.text, n_tokens: g.tokens.length, finish_reason: g.finish_reason, mean_entropy: null };
      });
    },
  });
  rmSync(work, { recursive: true, force: true });
  progress.finish();
  return { samples: out.records, resumed: out.resumedRecords, tokens_generated: tokens, seconds: (Date.now() - started) / 1000, served_model: served, pool: r.pool.stats };
}

/** The Generator interface over a remote pool (eval's sample cache uses it like the local one). */
export function remoteGenerator(r: Remote, log?: (m: string) => void): Generator {
  return async (req) => {
    await remoteGenerate(req, r, log);
  };
}
