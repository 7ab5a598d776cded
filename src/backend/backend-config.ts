// The backend flags every command that generates or scores offers (`sample`, `score`, `eval`;
// `explore` and `rl` next): where the work runs, and how the server pool behaves. Each default and
// bound is written here once.
import { z } from "zod";

export const backendFlags = {
  backend: z.enum(["local", "vllm", "sglang"]).default("local").describe("where generation and scoring run: local = the engine on this machine; vllm / sglang = the --server pool"),
  server: z.array(z.string()).default([]).describe("base URL of an OpenAI-compatible server, e.g. http://127.0.0.1:8000 (repeat for several; needs --backend vllm or sglang)"),
  apiKeyEnv: z.string().optional().describe("name of the environment variable that holds the servers' API key (the key is never a flag, and never logged or written)"),
  servedModel: z.string().optional().describe("the model name the servers serve (default: the first of GET /v1/models); they must serve the --model directory"),
  concurrency: z.number().int().min(1).default(8).describe("requests in flight per server"),
  timeoutMs: z.number().int().min(1).default(600_000).describe("time limit of one request; past it the request is retried"),
  maxAttempts: z.number().int().min(1).default(10).describe("attempts per request (5xx, 429, resets, timeouts, malformed bodies are retried with exponential backoff) before the run stops; finished records are kept and a rerun resumes"),
  topLogprobs: z.number().int().min(0).default(0).describe("score with a remote backend: also estimate the mean token entropy from the top-k log-probabilities (mean_entropy_topk; the server needs --max-logprobs >= k); 0 = no estimate"),
};

/** The flags of commands that only generate (eval; explore and rl next): no scoring top-k. */
export const { topLogprobs: _scoringOnly, ...generationBackendFlags } = backendFlags;

export interface BackendOptions {
  backend: "local" | "vllm" | "sglang";
  server: readonly string[];
  apiKeyEnv?: string;
  servedModel?: string;
  concurrency: number;
  timeoutMs: number;
  maxAttempts: number;
  topLogprobs: number;
}
