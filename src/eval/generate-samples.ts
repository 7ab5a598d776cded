// Makes sure the samples of one model on one benchmark exist in the cache, generating through the
// backend (src/backend: the local engine today, OpenAI-compatible servers next) only what is missing.
import { createReadStream, existsSync } from "node:fs";
import { createHash } from "node:crypto";
import { writeFileAtomic, writeJsonAtomic } from "../io/atomic.ts";
import type { Generator, SamplingSettings } from "../backend/index.ts";
import type { Progress } from "../io/progress.ts";
import type { Benchmark } from "./benchmark.ts";
import { cacheEntry, cacheKey, findComplete, type CacheEntry } from "./sample-cache.ts";
import { modelFingerprint } from "./model-fingerprint.ts";
import { buildPrompt } from "../mix/reasoning-suffix.ts";

export interface SamplesReady {
  entry: CacheEntry;
  /** Samples the engine produced in this call (0 when the cache served everything). */
  generated: number;
  key: string;
}

export function buildPrompts(bench: Benchmark, suffix: string): string {
  return bench.problems.map((p) => JSON.stringify({ id: p.id, prompt: buildPrompt(p.problem, suffix) })).join("\n") + "\n";
}

export async function ensureSamples(
  args: { model: string; bench: Benchmark; k: number; suffix: string; settings: SamplingSettings; cacheDir: string },
  generate: Generator,
  progress: Progress,
): Promise<SamplesReady> {
  const prompts = buildPrompts(args.bench, args.suffix);
  const promptsHash = createHash("sha256").update(prompts).digest("hex");
  const key = cacheKey(modelFingerprint(args.model), promptsHash, args.settings);
  const hit = findComplete(args.cacheDir, key, args.k);
  if (hit) return { entry: hit, generated: 0, key };
  const entry = cacheEntry(args.cacheDir, key, args.k);
  // Samples a crashed run already finished are skipped by the engine; count only new ones.
  const partial = entry.samples + ".partial";
  const before = existsSync(partial) ? await countLines(partial) : 0;
  if (!existsSync(entry.prompts)) writeFileAtomic(entry.prompts, prompts);
  await generate({ model: args.model, promptsPath: entry.prompts, output: entry.samples, n: args.k, settings: args.settings, progress });
  const total = await countLines(entry.samples);
  writeJsonAtomic(entry.meta, {
    model: args.model,
    benchmark: args.bench.path,
    n: args.k,
    problems: args.bench.problems.length,
    samples: total,
    settings: { ...args.settings, suffix: args.suffix },
    finished_at: new Date().toISOString(),
  });
  return { entry, generated: total - before, key };
}

async function countLines(path: string): Promise<number> {
  let n = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) n++;
  }
  return n;
}
