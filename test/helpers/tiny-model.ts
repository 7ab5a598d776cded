// Test helper: a tiny real model built through the real engine (runJob "make-tiny-model"), cached
// in the OS temp directory by a hash of its spec and the job's source, so TS suites build it once.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runJob } from "../../src/engine/run-job.ts";
import type { JobSpec } from "../../src/engine/jobs/index.ts";
import { ENGINE_DIR } from "../../src/engine/python.ts";

export const TEST_CORPUS = join(ENGINE_DIR, "tests", "fixtures", "corpus.txt");

/** Same shape as engine/tests/conftest.py's TINY: builds in about a second. */
export const TINY = {
  vocab_size: 384,
  hidden_size: 32,
  intermediate_size: 64,
  num_hidden_layers: 2,
  num_attention_heads: 4,
  num_key_value_heads: 2,
  initializer_range: 0.2,
} as const;

type Fields = Omit<JobSpec<"make-tiny-model">, "out" | "corpus"> & { corpus?: string };

/** Returns the directory of a tiny model with these fields (defaults: TINY on the test corpus). */
export async function tinyModel(fields: Fields = {}): Promise<string> {
  const spec = { corpus: TEST_CORPUS, ...TINY, ...fields };
  const source = readFileSync(join(ENGINE_DIR, "oxa_engine", "jobs", "make_tiny_model.py"));
  const key = createHash("sha256").update(JSON.stringify(spec)).update(source).update(readFileSync(spec.corpus)).digest("hex").slice(0, 16);
  const root = join(tmpdir(), "oxa-test-models");
  const dir = join(root, key);
  if (existsSync(join(dir, "model.safetensors"))) return dir;
  mkdirSync(root, { recursive: true });
  const tmp = `${dir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  await runJob("make-tiny-model", { ...spec, out: tmp }, { workDir: tmp + "-work" });
  rmSync(tmp + "-work", { recursive: true, force: true });
  try {
    renameSync(tmp, dir);
  } catch {
    rmSync(tmp, { recursive: true, force: true }); // another process finished first; use its copy
  }
  return dir;
}
