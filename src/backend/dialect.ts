// A server dialect: how one kind of server is asked to score a token sequence, to sample from a
// prompt, and to tokenize a probe text — each answer parsed at the edge (http-edge.ts) and turned
// into the same plain shapes, so the pool and the runners never see a server's JSON.
import type { Endpoint } from "./http-edge.ts";

export type BackendKind = "local" | "vllm" | "sglang";

/** Log-probabilities of the scored tokens (positions start..ids.length-1) and, with top-k, the top-k log-probabilities at each. */
export interface ScoredTokens {
  logprobs: number[];
  /** Per scored position, the k largest log-probabilities of the next-token distribution; null without top-k. */
  top: number[][] | null;
}

export interface SampledText {
  text: string;
  /** Generated ids, the stop token excluded. */
  tokens: number[];
  finish_reason: "stop" | "length";
}

export interface SampleParams {
  n: number;
  temperature: number;
  top_p: number;
  max_new_tokens: number;
  /** Child i draws with seed + i (vLLM's own rule for n > 1; SGLang is sent n requests seeded so). */
  seed: number;
  stop_ids: readonly number[];
}

export interface Dialect {
  kind: Exclude<BackendKind, "local">;
  /** ids = prompt + response; start = first scored position; topk = 0 for none. */
  score(ep: Endpoint, model: string, ids: readonly number[], start: number, topk: number): Promise<ScoredTokens>;
  sample(ep: Endpoint, model: string, prompt: readonly number[], p: SampleParams): Promise<SampledText[]>;
  tokenize(ep: Endpoint, model: string, text: string): Promise<number[]>;
  /** The served model's name (what requests put in `model`). */
  servedModel(ep: Endpoint): Promise<string>;
}

/**
 * An estimate of the entropy H = -sum_v p_v log p_v of a next-token distribution from its k
 * largest log-probabilities, which is all a server returns. The top-k part is exact; the remaining
 * mass r = 1 - sum_topk p is spread evenly over the other `tail` tokens (vocabulary size - k):
 * H_est = -sum_topk p log p - r log(r / tail). Even spreading is the largest entropy the tail can
 * have, so H_est >= H (an upper bound); lumping r on one token, -r log r, would give a lower bound.
 * Its measured error against the local engine's exact value is in docs/backend.md.
 */
export function topkEntropy(logps: readonly number[], tail: number): number {
  let h = 0;
  let mass = 0;
  for (const lp of logps) {
    const p = Math.exp(lp);
    mass += p;
    if (p > 0) h -= p * lp;
  }
  const rest = 1 - mass;
  return rest > 1e-12 && tail > 0 ? h - rest * Math.log(rest / tail) : h;
}

/** Drops a trailing stop id (servers count it; the local engine does not). */
export function withoutStop(ids: readonly number[], finish: string, stop: readonly number[]): number[] {
  return finish === "stop" && ids.length > 0 && stop.includes(ids[ids.length - 1]) ? ids.slice(0, -1) : [...ids];
}
