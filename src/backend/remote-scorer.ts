// Scoring on servers: each (prompt, response) pair is tokenized here (tokenize job: chat.py's
// boundary), sent as one id sequence, and its response tokens' log-probabilities summed —
// vLLM's prompt_logprobs (/v1/completions, max_tokens 1) or SGLang's /generate (return_logprob,
// logprob_start_len, max_new_tokens 0). Output records as the engine's score job writes them, in
// input order, resumable by record id (ordered-output.ts).
import { mkdirSync, rmSync } from "node:fs";
import type { ChatSpec } from "../engine/jobs/common.ts";
import type { Progress } from "../io/progress.ts";
import { nullProgress } from "../io/progress.ts";
import { topkEntropy } from "./dialect.ts";
import { runOrdered } from "./ordered-output.ts";
import { servedModel, type Remote } from "./remote-backend.ts";
import { remoteScoreRecord } from "./scorer.ts";
import type { PoolStats } from "./server-pool.ts";
import { throughput } from "./throughput.ts";
import { checkProbeAll, readTokenized, tokenizeFile } from "./tokenizer-bridge.ts";

export interface RemoteScoreArgs {
  model: string;
  /** JSONL of {id, prompt, response}. */
  input: string;
  output: string;
  chat: ChatSpec;
  noPrompt: boolean;
  appendEos: boolean;
}

export interface RemoteScoreResult {
  model: string;
  dtype: string;
  device: string;
  output: string;
  records: number;
  resumed: number;
  tokens_forwarded: number;
  seconds: number;
  served_model: string;
  pool: PoolStats;
}

export async function remoteScore(a: RemoteScoreArgs, r: Remote, progress: Progress = nullProgress, log?: (m: string) => void): Promise<RemoteScoreResult> {
  const work = `${a.output}.tokens`;
  mkdirSync(work, { recursive: true });
  const served = await servedModel(r);
  const tok = await tokenizeFile({ model: a.model, input: a.input, workDir: work, chat: a.chat, noPrompt: a.noPrompt, appendEos: a.appendEos });
  await checkProbeAll(r, served, tok.result.probe, log);
  const topk = r.options.topLogprobs;
  const started = Date.now();
  let tokens = 0;
  let requests = 0;
  const out = await runOrdered({
    output: a.output,
    fingerprint: { backend: r.dialect.kind, model: a.model, served, topk, noPrompt: a.noPrompt, appendEos: a.appendEos, chat: a.chat },
    record: remoteScoreRecord,
    itemId: (rec) => rec.id,
    items: readTokenized(tok.path),
    idOf: (t) => t.id,
    window: Math.max(64, 4 * r.pool.capacity),
    log,
    onDone: (recs, resumed) => {
      if (resumed) progress.tick(recs.length, "resumed");
      else progress.tick(recs.length, throughput(started, requests, tokens, r.pool.stats));
    },
    work: async (t) => {
      const ids = [...t.prompt_ids, ...(t.response_ids ?? [])];
      const start = Math.max(t.prompt_ids.length, 1);
      if (start >= ids.length) return [{ id: t.id, ppl: null, nll_sum: 0, n_tokens: 0, mean_entropy: null, ...(topk > 0 ? { mean_entropy_topk: null } : {}) }];
      const s = await r.pool.run((ep) => r.dialect.score(ep, served, ids, start, topk));
      requests++;
      tokens += ids.length;
      const nll = -s.logprobs.reduce((x, y) => x + y, 0);
      const n = s.logprobs.length;
      const tail = tok.result.vocab_size - topk;
      return [{
        id: t.id,
        ppl: Math.exp(nll / n),
        nll_sum: nll,
        n_tokens: n,
        mean_entropy: null,
        ...(s.top ? { mean_entropy_topk: s.top.reduce((x, lps) => x + topkEntropy(lps, tail), 0) / n } : {}),
      }];
    },
  });
  rmSync(work, { recursive: true, force: true });
  progress.finish();
  return {
    model: a.model,
    dtype: "server",
    device: r.dialect.kind,
    output: a.output,
    records: out.records,
    resumed: out.resumedRecords,
    tokens_forwarded: tokens,
    seconds: (Date.now() - started) / 1000,
    served_model: served,
    pool: r.pool.stats,
  };
}
