// Benchmark: `oxa explore` throughput (completions per second) on the local engine, with the RFT
// model and the wrong samples of a finished Self-Explore demo run — a trained model, so completions
// stop where a trained model stops, not at the length limit as an untrained one's would.
//
//   node --import tsx bench/explore/explore-throughput.ts --run runs/demo/pipeline [--batch-sizes 16,64] [--threads 1]
//
// Reruns explore from scratch (a fresh output directory per batch size, so nothing is resumed) with
// the demo stage's own settings, read from its manifest. Writes bench/out/explore/ and prints JSON:
// per batch size the wall seconds of the whole command (model load included), explore's own seconds,
// completions generated and completions per second (explore's, without the start).
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { run: { type: "string" }, "batch-sizes": { type: "string", default: "64" }, threads: { type: "string", default: "1" } } });
if (!values.run) throw new Error("--run: a Self-Explore demo's run directory (<out>/pipeline) with a finished explore stage");
const runDir = resolve(values.run);
const OUT = resolve("bench/out/explore");
const OXA = resolve("bin/oxa.mjs");
const manifest = JSON.parse(readFileSync(join(runDir, "explore", "manifest.json"), "utf8"));
const p = manifest.params as Record<string, unknown>;
const at = (v: unknown) => String(v).replace("<run>", runDir);

const loadBefore = loadavg()[0];
const results = [];
for (const batch of values["batch-sizes"]!.split(",").map(Number)) {
  const dir = join(OUT, `batch-${batch}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const args = [
    OXA, "explore", at(p.input), join(dir, "explored.jsonl"), "--model", at(p.model), "--k", String(p.k), "--temperature", String(p.temperature),
    "--max-new-tokens", String(p.maxNewTokens), "--seed", String(p.seed), "--step-style", String(p.stepStyle), "--verify-mode", String(p.verifyMode),
    "--prompt-field", String(p.promptField), "--response-field", String(p.responseField), "--gold-field", String(p.goldField), "--id-field", String(p.idField),
    "--batch-size", String(batch), "--json",
  ];
  const t0 = Date.now();
  // One OpenMP thread by default: on a shared 2-core machine two threads that meet at every parallel region are slower.
  const r = spawnSync(process.execPath, args, { encoding: "utf8", env: { ...process.env, OXA_NO_PROGRESS: "1", OMP_NUM_THREADS: values.threads } });
  if (r.status !== 0) throw new Error(r.stderr.slice(-3000));
  const wall = (Date.now() - t0) / 1000;
  const s = JSON.parse(r.stdout);
  if (s.completions.generated === 0) throw new Error(`explore generated nothing (${s.samples.read} samples read, ${s.samples.explored} explored): check the fields`);
  results.push({ batchSize: batch, wallSeconds: wall, exploreSeconds: s.seconds, explored: s.samples.explored, rounds: s.rounds, completions: s.completions.generated, completionsPerSecond: s.completionsPerSecond });
}
const result = { run: runDir, model: at(p.model), k: p.k, maxNewTokens: p.maxNewTokens, threads: Number(values.threads), cores: cpus().length, loadBefore, loadAfter: loadavg()[0], results };
console.log(JSON.stringify(result, null, 2));
