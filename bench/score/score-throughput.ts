// Benchmark: `oxa score` against a naive scorer (fixed-size batches in input order, padded to the
// longest, full logits — the OXA authors' script), same tiny model, same token sequences, on a
// length-skewed file; plus this machine's matmul peak and how far scoring is from it.
//
//   node --import tsx bench/score/score-throughput.ts [--responses 2000] [--batch-size 16] [--token-budget 16384]
//
// Writes bench/out/score/ (model, data, outputs, result.json) and prints the result as JSON.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { runJob } from "../../src/engine/run-job.ts";
import { ENGINE_DIR, enginePython } from "../../src/engine/python.ts";
import { createRng } from "../../src/common/random.ts";

const { values } = parseArgs({ options: { responses: { type: "string", default: "2000" }, "batch-size": { type: "string", default: "16" }, "token-budget": { type: "string", default: "16384" } } });
const OUT = resolve("bench/out/score");
const CORPUS = join(ENGINE_DIR, "tests", "fixtures", "corpus.txt");
mkdirSync(OUT, { recursive: true });
const env = { ...process.env, PYTHONPATH: ENGINE_DIR, OXA_NO_PROGRESS: "1" };

function json(cmd: string, args: string[]): Record<string, any> {
  const r = spawnSync(cmd, args, { env, encoding: "utf8", maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout);
}

// A model of a few million parameters: hidden 256, 4 layers.
const modelDir = join(OUT, "model");
const modelInfo = join(OUT, "model.json");
if (!existsSync(modelInfo)) {
  const spec = { out: modelDir, corpus: CORPUS, vocab_size: 1024, hidden_size: 256, intermediate_size: 688, num_hidden_layers: 4, num_attention_heads: 4, num_key_value_heads: 2, seed: 0 };
  writeFileSync(modelInfo, JSON.stringify((await runJob("make-tiny-model", spec, { workDir: OUT })).result));
}
const params = JSON.parse(readFileSync(modelInfo, "utf8")).n_params as number;

// Length-skewed responses: a log-normal number of words (median 20, capped at 500) taken from the
// solution repeated, so most responses are short and a few are very long.
const pairs = readFileSync(CORPUS, "utf8").split("\n").filter(Boolean).map((l) => l.replace("Question: ", "").split(" Solution: "));
const rng = createRng("bench-score", 0);
const normal = () => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
const input = join(OUT, "responses.jsonl");
const n = Number(values.responses);
writeFileSync(
  input,
  Array.from({ length: n }, (_, i) => {
    const [q, s] = pairs[i % pairs.length];
    const words = Math.min(500, Math.max(3, Math.round(20 * Math.exp(normal()))));
    const pool = s.split(" ");
    const response = Array.from({ length: words }, (_, w) => pool[w % pool.length]).join(" ");
    return JSON.stringify({ prompt: q, response }) + "\n";
  }).join(""),
);

const peak = json(enginePython(), [join("bench", "score", "matmul_peak.py")]);
const naive = json(enginePython(), [join("bench", "score", "naive_baseline.py"), modelDir, input, join(OUT, "naive.jsonl"), String(values["batch-size"])]);
const t0 = Date.now();
const oxa = json(process.execPath, ["bin/oxa.mjs", "score", input, join(OUT, "oxa.jsonl"), "--model", modelDir, "--token-budget", String(values["token-budget"]), "--json"]);
const oxaWall = (Date.now() - t0) / 1000;

// Same numbers from both (a benchmark of a wrong scorer would mean nothing).
const a = readFileSync(join(OUT, "naive.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l).ppl as number);
const scored = readFileSync(join(OUT, "oxa.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
const maxRelDiff = Math.max(...a.map((x, i) => Math.abs(x - scored[i].ppl) / x));
const lengths = scored.map((r) => r.n_tokens as number).sort((x, y) => x - y);
const quantile = (q: number) => lengths[Math.min(lengths.length - 1, Math.floor(q * lengths.length))];

const gflops = (tokens: number, s: number) => (2 * params * tokens) / s / 1e9;
const result = {
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model, torch_threads: peak.threads },
  model: { params, hidden: 256, layers: 4, vocab: 1024 },
  responses: n,
  response_tokens: { median: quantile(0.5), p90: quantile(0.9), p99: quantile(0.99), max: lengths.at(-1) },
  tokens: oxa.tokens,
  naive: { batch_size: Number(values["batch-size"]), padded_tokens: naive.padded_tokens, seconds: naive.seconds, wall: naive.wall, tokens_per_s: naive.tokens / naive.seconds, gflops: gflops(naive.tokens, naive.seconds) },
  oxa: { token_budget: Number(values["token-budget"]), seconds: oxa.engineSeconds, wall: oxaWall, tokens_per_s: oxa.tokens / oxa.engineSeconds, gflops: gflops(oxa.tokens, oxa.engineSeconds) },
  speedup: { scoring: naive.seconds / oxa.engineSeconds, end_to_end: naive.wall / oxaWall },
  matmul_peak_gflops: peak.gflops,
  oxa_share_of_peak: gflops(oxa.tokens, oxa.engineSeconds) / peak.gflops,
  max_rel_ppl_diff: maxRelDiff,
};
writeFileSync(join(OUT, "result.json"), JSON.stringify(result, null, 2) + "\n");
console.log(JSON.stringify(result, null, 2));
