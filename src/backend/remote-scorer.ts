// Scoring on servers: each (prompt, response) pair is tokenized here (tokenize job: chat.py's
// boundary), sent as one id sequence, and its response tokens' log-probabilities summed —
// vLLM's prompt_logprobs (/v1/completions, max_tokens 1) or SGLang's /generate (return_logprob,
// logprob_start_len, max_new_tokens 0). Output records as the engine's score job writes them, in
// input order, resumable by record id (ordered-output.ts).
import type { ChatSpec } from "../engine/jobs/common.ts";
import type { Progress } from "../io/progress.ts";
import { nullProgress } from "../io/progress.ts";
import { topkEntropy } from "./dialect.ts";
import type { Remote } from "./remote-backend.ts";
import { runRemote } from "./remote-run.ts";
import { remoteScoreRecord } from "./scorer.ts";
import type { PoolStats } from "./server-pool.ts";

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
  const topk = r.options.topLogprobs;
  const out = await runRemote({
    r,
    model: a.model,
    input: a.input,
    output: a.output,
    tokenize: { chat: a.chat, noPrompt: a.noPrompt, appendEos: a.appendEos },
    fingerprint: { topk, noPrompt: a.noPrompt, appendEos: a.appendEos, chat: a.chat },
    record: remoteScoreRecord,
    minWindow: 64,
    progress,
    log,
    work: async (t, served, tok) => {
      const ids = [...t.prompt_ids, ...(t.response_ids ?? [])];
      const start = Math.max(t.prompt_ids.length, 1);
      if (start >= ids.length) return { records: [{ id: t.id, ppl: null, nll_sum: 0, n_tokens: 0, mean_entropy: null, ...(topk > 0 ? { mean_entropy_topk: null } : {}) }], tokens: 0 };
      const s = await r.pool.run((ep) => r.dialect.score(ep, served, ids, start, topk));
      const nll = -s.logprobs.reduce((x, y) => x + y, 0);
      const n = s.logprobs.length;
      const tail = tok.result.vocab_size - topk;
      const record = {
        id: t.id,
        ppl: Math.exp(nll / n),
        nll_sum: nll,
        n_tokens: n,
        mean_entropy: null,
        ...(s.top ? { mean_entropy_topk: s.top.reduce((x, lps) => x + topkEntropy(lps, tail), 0) / n } : {}),
      };
      return { records: [record], tokens: ids.length };
    },
  });
  return {
    model: a.model,
    dtype: "server",
    device: r.dialect.kind,
    output: a.output,
    records: out.records,
    resumed: out.resumed,
    tokens_forwarded: out.tokens,
    seconds: out.seconds,
    served_model: out.served,
    pool: r.pool.stats,
  };
}
