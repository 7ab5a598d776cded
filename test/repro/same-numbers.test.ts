// Reproducible numbers: test/repro/pipeline.yaml (world -> tiny model -> pretraining -> score ->
// selection -> fine-tuning -> eval) run twice, in separate processes with 1 and 2 engine threads and
// in two directories of different depth, must write the same bytes. Covered byte for byte: every
// stage output (world files, model weights, scores, selection, training records and schedule, eval
// details and summaries); eval's results.json after dropping its clock fields; the manifests after
// dropping their clock fields. Not compared: what records time or the clock (metrics' tokens_per_s,
// train-summary's last metrics row, checkpoints' pickled trainer state, the eval report page's date),
// the engine's own spec files (working files with absolute paths) and the sample cache's folder names
// (a model fingerprint that includes the model's path and file times by design).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, statSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const OXA = resolve("bin/oxa.mjs");
const PIPELINE = resolve("test/repro/pipeline.yaml");

function run(out: string, threads: string): void {
  const env: NodeJS.ProcessEnv = { ...process.env, OXA_NO_PROGRESS: "1", OMP_NUM_THREADS: threads };
  delete env.OXA_CPU_KERNELS;
  const r = spawnSync(process.execPath, [OXA, "run", PIPELINE, "--out", out], { env, encoding: "utf8", timeout: 400_000 });
  assert.equal(r.status, 0, r.stderr);
}

function files(dir: string, rel = ""): string[] {
  return readdirSync(join(dir, rel)).sort().flatMap((n) => {
    const r = rel ? `${rel}/${n}` : n;
    return statSync(join(dir, r)).isDirectory() ? files(dir, r) : [r];
  });
}

// Volatile by design (see the header); everything else must match byte for byte.
const SKIP = [/\/metrics\.jsonl$/, /\/train-summary\.json$/, /\/checkpoints\//, /\.spec\.json$/, /^eval\/out\/samples\//, /^eval\/out\/report\.html$/, /^\.hash-cache\.json$/, /^[^/]+\/manifest\.json$/, /^eval\/out\/results\.json$/];

// Manifest `outputs` entries of files that are volatile by design (their hashes differ with them).
const VOLATILE_OUTPUT = /(^|\/)(metrics\.jsonl|train-summary\.json|report\.html|results\.json)$|^checkpoints\/|\.spec\.json$|^samples\//;

function manifestView(m: any): unknown {
  return withoutClock({ ...m, outputs: m.outputs.filter((o: { path: string }) => !VOLATILE_OUTPUT.test(o.path)) });
}

function withoutClock(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutClock);
  if (v && typeof v === "object")
    return Object.fromEntries(Object.entries(v).filter(([k]) => !["created_at", "startedAt", "finishedAt", "seconds", "engineSeconds", "cache_key", "tokens_per_s", "perSecond", "last", "code"].includes(k)).map(([k, x]) => [k, withoutClock(x)]));
  return v;
}

test("same pipeline, 1 vs 2 engine threads, two directories: the same bytes", { timeout: 900_000 }, () => {
  const root = mkdtempSync(join(tmpdir(), "oxa-repro-"));
  const a = join(root, "a");
  const b = join(root, "somewhere", "else", "b");
  mkdirSync(join(root, "somewhere", "else"), { recursive: true });
  run(a, "1");
  run(b, "2");
  const fa = files(a);
  const fb = files(b);
  const keep = (f: string) => !SKIP.some((re) => re.test(f));
  assert.deepEqual(fa.filter(keep), fb.filter(keep));
  const compared = fa.filter(keep);
  // The numeric stages are all among the compared files.
  for (const must of ["base/out/model/model.safetensors", "scored/out/scored.jsonl", "select-lp/out/selected.jsonl", "tuned/out/model/model.safetensors", "eval/out/tuned/world/details.jsonl", "eval/out/base/world/summary.json"])
    assert.ok(compared.includes(must), `${must} is compared`);
  for (const f of compared) assert.ok(readFileSync(join(a, f)).equals(readFileSync(join(b, f))), `${f} differs between the runs`);
  // results.json and the manifests: equal once the clock is dropped, and free of either run's directory.
  for (const f of ["eval/out/results.json", ...fa.filter((x) => /^[^/]+\/manifest\.json$/.test(x))]) {
    const ta = readFileSync(join(a, f), "utf8");
    const tb = readFileSync(join(b, f), "utf8");
    assert.ok(!ta.includes(a) && !tb.includes(b), `${f} records an absolute run path`);
    const view = f === "eval/out/results.json" ? withoutClock : manifestView;
    assert.deepEqual(view(JSON.parse(ta)), view(JSON.parse(tb)), f);
  }
  assert.ok(compared.length > 20, `only ${compared.length} files compared`);
});
