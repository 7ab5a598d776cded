// Where samples live between runs. One folder per (model, prompts, sampling settings):
//   <cache>/<key>/n<k>/prompts.jsonl     the engine's input ({id, prompt})
//   <cache>/<key>/n<k>/samples.jsonl     the engine's output, one line per sample
//   <cache>/<key>/n<k>/meta.json         written last: marks the folder complete
// The key leaves k out so that a later run asking for fewer samples per problem reuses any
// complete folder with n >= k and reads the first k samples of each problem (the engine seeds
// each sample by (seed, id, sample), so those are the samples a k-sample run would draw).
// A crashed run leaves n<k> without meta.json; the next run generates into the same folder and
// the engine's resumable output skips the finished problems.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createHash } from "node:crypto";
import { z } from "zod";
import type { SamplingSettings } from "../backend/index.ts";


export const cacheMeta = z.object({
  model: z.string(),
  benchmark: z.string(),
  n: z.number().int(),
  problems: z.number().int(),
  samples: z.number().int(),
  settings: z.record(z.string(), z.unknown()),
  finished_at: z.string(),
});
export type CacheMeta = z.infer<typeof cacheMeta>;

/** The cache key: the model's fingerprint, the exact prompts sent, and the sampling settings. */
export function cacheKey(modelFingerprint: string, promptsHash: string, settings: SamplingSettings): string {
  const canon = JSON.stringify([modelFingerprint, promptsHash, Object.entries(settings).sort(([a], [b]) => a.localeCompare(b))]);
  return createHash("sha256").update(canon).digest("hex").slice(0, 24);
}

export interface CacheEntry {
  dir: string;
  prompts: string;
  samples: string;
  meta: string;
  n: number;
}

export function cacheEntry(cacheDir: string, key: string, n: number): CacheEntry {
  const dir = join(cacheDir, key, `n${n}`);
  return { dir, prompts: join(dir, "prompts.jsonl"), samples: join(dir, "samples.jsonl"), meta: join(dir, "meta.json"), n };
}

/** The complete entry with the fewest samples that still has at least k per problem, if any. */
export function findComplete(cacheDir: string, key: string, k: number): CacheEntry | null {
  const root = join(cacheDir, key);
  if (!existsSync(root)) return null;
  const ns = readdirSync(root)
    .map((d) => /^n(\d+)$/.exec(d))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]))
    .filter((n) => n >= k)
    .sort((a, b) => a - b);
  for (const n of ns) {
    const e = cacheEntry(cacheDir, key, n);
    if (!existsSync(e.meta) || !existsSync(e.samples)) continue;
    if (cacheMeta.safeParse(JSON.parse(readFileSync(e.meta, "utf8"))).success) return e;
  }
  return null;
}
