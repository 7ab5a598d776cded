// Writes a world to a directory: train.jsonl (queries with teacher responses, list per query),
// test.json (held-out {problem, answer}), pretrain.jsonl (question + terse solution, one document
// a line), tokenizer.txt (every style, for the BPE vocabulary) and manifest.json. Each file is
// written atomically; nothing in them depends on the clock, so a seed gives byte-identical files.
import { join } from "node:path";
import { AtomicJsonlWriter, AtomicTextWriter, writeJsonAtomic } from "../io/atomic.ts";
import { nullProgress, type Progress } from "../io/progress.ts";
import { hashFile } from "../common/content-hash.ts";
import { statSync } from "node:fs";
import { pretrainRecord, problems, testRecord, trainRecord, type Split } from "./world-records.ts";
import type { WorldConfig } from "./world-config.ts";

export const WORLD_FILES = { train: "train.jsonl", test: "test.json", pretrain: "pretrain.jsonl", tokenizer: "tokenizer.txt" } as const;

export interface WorldSummary {
  out: string;
  counts: { train: number; test: number; pretrain: number; responses: number };
  /** Train responses per teacher style. */
  styles: Record<string, number>;
  /** Train queries per difficulty level. */
  levels: Record<string, number>;
  files: Record<keyof typeof WORLD_FILES, { path: string; bytes: number; sha256: string }>;
}

/** The first n items; unlike a for-of with break, it never draws an item it does not keep. */
function* first<T>(gen: Generator<T>, n: number): Generator<T> {
  for (let i = 0; i < n; i++) {
    const r = gen.next();
    if (r.done) return;
    yield r.value;
  }
}

export async function writeWorld(cfg: WorldConfig, out: string, progress: Progress = nullProgress): Promise<WorldSummary> {
  const seen = new Set<string>();
  const gen = (split: Split) => problems(cfg, split, seen);
  progress.update(0, cfg.nTest + cfg.nTrain + cfg.nPretrain);

  const test = [...first(gen("test"), cfg.nTest)].map(({ id, p }) => testRecord(id, p));
  writeJsonAtomic(join(out, WORLD_FILES.test), test);
  progress.tick(test.length, "test");

  const styles: Record<string, number> = Object.fromEntries(Object.keys(cfg.styleWeights).map((s) => [s, 0]));
  const levels: Record<string, number> = {};
  const tok = new AtomicTextWriter(join(out, WORLD_FILES.tokenizer));
  const train = new AtomicJsonlWriter(join(out, WORLD_FILES.train));
  for (const { id, p } of first(gen("train"), cfg.nTrain)) {
    const r = trainRecord(cfg, id, p);
    for (const s of r.styles) styles[s]++;
    levels[r.level] = (levels[r.level] ?? 0) + 1;
    await train.write(r);
    await tok.write(`${r.query}\n${r.responses.join("\n")}\n`);
    progress.tick(1, "train");
  }
  await train.close();

  const pre = new AtomicJsonlWriter(join(out, WORLD_FILES.pretrain));
  for (const { id, p } of first(gen("pretrain"), cfg.nPretrain)) {
    const r = pretrainRecord(cfg, id, p);
    await pre.write(r);
    await tok.write(`${r.text}\n`);
    progress.tick(1, "pretrain");
  }
  await pre.close();
  await tok.close();
  progress.finish();

  const files = {} as WorldSummary["files"];
  for (const [key, name] of Object.entries(WORLD_FILES) as [keyof typeof WORLD_FILES, string][]) {
    const path = join(out, name);
    files[key] = { path: name, bytes: statSync(path).size, sha256: await hashFile(path) };
  }
  const counts = { train: train.count, test: test.length, pretrain: pre.count, responses: train.count * cfg.responses };
  // The control world's manifest names no variant, so it stays byte-identical to a world written
  // before variants existed (a cached or published world keeps its hashes).
  const { variant, ...rest } = cfg;
  const config = variant === undefined || variant === "control" ? rest : cfg;
  writeJsonAtomic(join(out, "manifest.json"), { kind: "oxa-world", config, counts, styles, levels, files });
  return { out, counts, styles, levels, files };
}
