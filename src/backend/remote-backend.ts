// Opens the remote side of a run: checks the flags, reads the API key from the environment, makes
// the pool and picks the dialect. Retry and down-marking timings are fixed here (not flags).
import { UsageError } from "../io/errors.ts";
import type { BackendOptions } from "./backend-config.ts";
import type { Dialect } from "./dialect.ts";
import { ServerPool } from "./server-pool.ts";
import { sglangDialect } from "./sglang-dialect.ts";
import { vllmDialect } from "./vllm-dialect.ts";

export interface Remote {
  pool: ServerPool;
  dialect: Dialect;
  options: BackendOptions;
}

/** Backoff and cool-down timings; tests shorten them. */
export interface PoolTimings {
  backoffMs: number;
  maxBackoffMs: number;
  downMs: number;
  downAfter: number;
}

export const POOL_TIMINGS: PoolTimings = { backoffMs: 250, maxBackoffMs: 15_000, downMs: 2_000, downAfter: 2 };

export function openRemote(o: BackendOptions, log?: (m: string) => void, timings: PoolTimings = POOL_TIMINGS): Remote {
  if (o.backend === "local") throw new UsageError("openRemote needs --backend vllm or sglang");
  if (o.server.length === 0) throw new UsageError(`--backend ${o.backend} needs at least one --server URL`);
  for (const s of o.server) {
    let u: URL;
    try {
      u = new URL(s);
    } catch {
      throw new UsageError(`--server ${s}: not a URL (expected e.g. http://127.0.0.1:8000)`);
    }
    if (u.protocol !== "http:" && u.protocol !== "https:") throw new UsageError(`--server ${s}: expected http:// or https://`);
  }
  let apiKey: string | null = null;
  if (o.apiKeyEnv) {
    apiKey = process.env[o.apiKeyEnv] ?? null;
    if (!apiKey) throw new UsageError(`--api-key-env ${o.apiKeyEnv}: that environment variable is not set`);
  }
  const pool = new ServerPool({ servers: o.server, apiKey, concurrency: o.concurrency, timeoutMs: o.timeoutMs, maxAttempts: o.maxAttempts, ...timings, log });
  return { pool, dialect: o.backend === "vllm" ? vllmDialect : sglangDialect, options: o };
}

/** The model name requests carry: the flag, else what the first server serves. */
export async function servedModel(r: Remote): Promise<string> {
  return r.options.servedModel ?? (await r.pool.run((ep) => r.dialect.servedModel(ep)));
}

/** The remote side of a command's backend flags, or null for the local engine. */
export function remoteFor(o: BackendOptions, log?: (m: string) => void): Remote | null {
  if (o.backend === "local") {
    if (o.server.length > 0) throw new UsageError("--server needs --backend vllm or sglang");
    return null;
  }
  return openRemote(o, log);
}
