// The progress status of a remote run: requests/s and tokens/s since it started, and the retries so far.
import type { PoolStats } from "./server-pool.ts";

export function throughput(started: number, requests: number, tokens: number, stats: PoolStats): string {
  const s = Math.max((Date.now() - started) / 1000, 1e-3);
  const retries = Object.values(stats.retries).reduce((a, b) => a + b, 0);
  return `${(requests / s).toFixed(1)} req/s, ${Math.round(tokens / s)} tok/s${retries ? `, ${retries} retries` : ""}`;
}
