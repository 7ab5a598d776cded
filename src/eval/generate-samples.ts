// Makes sure the samples of one model on one benchmark exist in the cache, generating through
// the engine's `generate` job only what is missing. This is the only place evaluation touches
// the engine; a remote (OpenAI-compatible) generator would implement the same `Generator`.
import { createReadStream, existsSync } from "node:fs";
import { join } from "node:path";
import { createHash } from "node:crypto";
import { writeFileAtomic, writeJsonAtomic } from "../io/atomic.ts";
import { runJob } from "../engine/run-job.ts";
import type { Progress } from "../cli/progress.ts";
import type { Benchmark } from "./benchmark.ts";
import { cacheEntry, cacheKey, findComplete, type CacheEntry, type SamplingSettings } from "./sample-cache.ts";
import { modelFingerprint } from "./model-fingerprint.ts";
import { buildPrompt } from "../mix/reasoning-suffix.ts";

export interface GenerateRequest {
  model: string;
  /** JSONL of {id, prompt}. */
  promptsPath: string;
  output: string;
  n: number;
  settings: SamplingSettings;
  progress: Progress;
}

/** Writes `output` (one line per sample) for every prompt; resumable when `output` is partial. */
export type Generator = (req: GenerateRequest) => Promise<void>;

export interface EngineOptions {
  batchSize: number;
  device: "auto" | "cpu" | "cuda";
  dtype: "auto" | "float32" | "bfloat16" | "float16";
}

export function engineGenerator(opts: EngineOptions): Generator {
  return async (req) => {
    await runJob(
      "generate",
      {
        model: req.model,
        input: req.promptsPath,
        output: req.output,
        n: req.n,
        temperature: req.settings.temperature,
        top_p: req.settings.top_p,
        max_new_tokens: req.settings.max_new_tokens,
        seed: req.settings.seed,
        batch_size: opts.batchSize,
        chat: { apply_template: req.settings.apply_template, system_prompt: req.settings.system_prompt },
        device: opts.device,
        dtype: opts.dtype,
      },
      { workDir: join(req.output, ".."), progress: req.progress },
    );
  };
}

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
