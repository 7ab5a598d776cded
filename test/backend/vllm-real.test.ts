// The remote backend against a real vLLM server (CPU build, .venv-vllm; CI installs it with
// scripts/setup-vllm.sh). Two servers are started on free loopback ports, awaited on /v1/models,
// and stopped by their process ids at the end. Skipped, saying why, when the venv is absent.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TEST_CORPUS } from "../helpers/tiny-model.ts";
import { readJsonl, writeJsonl } from "../helpers/oxa-cli.ts";
import { NO_VLLM, startVllm, vllmModel, vllmPython, type VllmServer } from "./vllm-server.ts";
import { oxaAsync } from "./oxa-async.ts";
import { startFaultProxy } from "./fault-proxy.ts";

const skip = vllmPython() ? false : NO_VLLM;
const dir = mkdtempSync(join(tmpdir(), "oxa-vllm-"));
let model = "";
let a: VllmServer | null = null;
let b: VllmServer | null = null;

const pairs = readFileSync(TEST_CORPUS, "utf8")
  .split("\n")
  .filter(Boolean)
  .map((l) => l.replace("Question: ", "").split(" Solution: "));

before(async () => {
  if (skip) return;
  model = await vllmModel();
  [a, b] = await Promise.all([startVllm(model, { log: join(dir, "vllm-a.log") }), startVllm(model, { log: join(dir, "vllm-b.log") })]);
});

after(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
});

const summary = (r: { status: number | null; stdout: string; stderr: string }) => {
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
};

function promptsFile(name: string, n: number): string {
  return writeJsonl(join(dir, name), Array.from({ length: n }, (_, i) => ({ problem: `${pairs[i % pairs.length][0]} (${i})` })));
}

const sampleArgs = (input: string, output: string, servers: string[], extra: string[] = []) => [
  "sample", input, output, "--model", model, "--prompt-field", "problem", "--n", "4", "--max-new-tokens", "24", "--temperature", "0.9",
  "--seed", "7", "--backend", "vllm", ...servers.flatMap((s) => ["--server", s]), "--concurrency", "2", "--json", ...extra,
];

/** Resolves when `<output>.work/` holds a partial file of at least `lines` lines. */
async function partialReaches(output: string, lines: number): Promise<string> {
  for (;;) {
    const work = `${output}.work`;
    const p = existsSync(work) ? readdirSync(work).find((f) => f.endsWith(".jsonl.partial")) : undefined;
    if (p && readFileSync(join(work, p), "utf8").split("\n").length - 1 >= lines) return join(work, p);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test("a server killed by its pid mid-run is marked down; the run finishes on the other and equals a fault-free run", { skip }, async (t) => {
  const input = promptsFile("kill.jsonl", 120);
  const out = join(dir, "kill.out.jsonl");
  const run = oxaAsync(sampleArgs(input, out, [a!.url, b!.url]));
  await partialReaches(out, 40);
  process.kill(-b!.pid, "SIGKILL"); // the API server and its engine process
  await b!.stop();
  const s = summary(await run);
  const [sa, sb] = s.pool.servers;
  t.diagnostic(`pool after the kill: ${JSON.stringify(s.pool)}`);
  assert.ok(sb.markedDown >= 1, JSON.stringify(s.pool));
  assert.ok(sa.ok > sb.ok);
  // the same work on the surviving server alone, with no fault
  const ref = join(dir, "kill.ref.jsonl");
  summary(await oxaAsync(sampleArgs(input, ref, [a!.url])));
  assert.equal(readFileSync(out, "utf8"), readFileSync(ref, "utf8"));
  assert.equal(readJsonl(out).length, 480);
});

test("remote PPL equals oxa score's local PPL on the same rows (float32, relative error <= 1e-3); top-k entropy labelled", { skip }, async () => {
  const rows = pairs.slice(0, 24).map(([q, s], i) => ({ q, a: s.repeat(1 + (i % 3)), i }));
  const input = writeJsonl(join(dir, "ppl.jsonl"), rows);
  const common = ["--model", model, "--prompt-field", "q", "--response-field", "a", "--json"];
  const local = summary(await oxaAsync(["score", input, join(dir, "ppl.local.jsonl"), ...common, "--dtype", "float32"]));
  assert.equal(local.dtype, "float32");
  const remote = summary(await oxaAsync(["score", input, join(dir, "ppl.remote.jsonl"), ...common, "--backend", "vllm", "--server", a!.url, "--top-logprobs", "20"]));
  assert.equal(remote.backend, "vllm");
  const L = readJsonl(join(dir, "ppl.local.jsonl"));
  const R = readJsonl(join(dir, "ppl.remote.jsonl"));
  assert.deepEqual(R.map((r) => r.i), rows.map((r) => r.i));
  R.forEach((r, k) => {
    assert.equal(r.n_tokens, L[k].n_tokens);
    assert.ok(Math.abs(r.ppl - L[k].ppl) / L[k].ppl <= 1e-3, `row ${k}: remote ${r.ppl} local ${L[k].ppl}`);
    assert.equal(r.mean_entropy, null);
    // an upper bound of the exact entropy (top-k exact, the tail spread evenly)
    assert.ok(r.mean_entropy_topk >= L[k].mean_entropy - 1e-6, `row ${k}: ${r.mean_entropy_topk} < ${L[k].mean_entropy}`);
    assert.match(r.scored_by.entropy, /top-20 estimate/);
  });
});

test("remote samples are reproducible by seed whatever the concurrency; another seed gives others", { skip }, async () => {
  const input = promptsFile("seed.jsonl", 24);
  const one = join(dir, "seed.c1.jsonl");
  const four = join(dir, "seed.c4.jsonl");
  const other = join(dir, "seed.other.jsonl");
  summary(await oxaAsync([...sampleArgs(input, one, [a!.url]), "--concurrency", "1"]));
  summary(await oxaAsync([...sampleArgs(input, four, [a!.url]), "--concurrency", "4"]));
  summary(await oxaAsync([...sampleArgs(input, other, [a!.url]), "--seed", "8"]));
  assert.equal(readFileSync(one, "utf8"), readFileSync(four, "utf8"));
  const [x, y] = [readJsonl(one), readJsonl(other)];
  assert.equal(x.length, 96);
  assert.ok(x.filter((r, i) => r.response !== y[i].response).length > 80);
  for (const r of x) {
    assert.ok(r.finish_reason === "stop" || (r.finish_reason === "length" && r.n_tokens === 24));
    assert.deepEqual(r.sampled_by.backend, "vllm");
  }
});

test("oxa eval through vLLM: samples cached apart from the local engine's, a rerun generates nothing, the summary says where they came from", { skip }, async () => {
  const bench = join(process.cwd(), "test", "eval", "fixtures", "bench-a.json");
  const args = (out: string, extra: string[]) => ["eval", "--model", `tiny=${model}`, "--bench", `arith=${bench}`, "--k", "2", "--max-new-tokens", "16", "--out", join(dir, out), "--cache-dir", join(dir, "eval-cache"), "--json", ...extra];
  const remote = ["--backend", "vllm", "--server", a!.url, "--concurrency", "2"];
  const r1 = await oxaAsync(args("e1", remote));
  assert.equal(r1.status, 0, r1.stderr);
  const first = JSON.parse(r1.stdout);
  assert.ok(first.generated > 0);
  assert.match(r1.stderr, /vllm pool: \d+ requests ok/);
  const r2 = await oxaAsync(args("e2", remote));
  assert.equal(r2.status, 0, r2.stderr);
  assert.equal(JSON.parse(r2.stdout).generated, 0);
  const keyOf = (o: any) => o.results.models.tiny.benchmarks.arith.cache_key;
  assert.equal(keyOf(JSON.parse(r2.stdout)), keyOf(first));
  // the local engine's samples of the same settings live under another key
  const r3 = await oxaAsync(args("e3", []));
  assert.equal(r3.status, 0, r3.stderr);
  const local = JSON.parse(r3.stdout);
  assert.equal(local.generated, first.generated);
  assert.notEqual(keyOf(local), keyOf(first));
});

test("a killed remote run resumes: the result equals an uninterrupted run and no finished prompt is sent again", { skip }, async () => {
  const input = promptsFile("resume.jsonl", 80);
  const full = join(dir, "resume.full.jsonl");
  summary(await oxaAsync(sampleArgs(input, full, [a!.url])));
  const proxy = await startFaultProxy(a!.url, {}); // counts requests, injects nothing
  try {
    const out = join(dir, "resume.out.jsonl");
    let pid = 0;
    const killed = oxaAsync(sampleArgs(input, out, [proxy.url]), { onSpawn: (p) => (pid = p) });
    const partial = await partialReaches(out, 40);
    process.kill(-pid, "SIGKILL");
    await killed;
    const firstRun = proxy.paths["/v1/completions"];
    const finished = new Set(readJsonl(partial).map((r) => r.id)).size;
    const s = summary(await oxaAsync(sampleArgs(input, out, [proxy.url])));
    assert.equal(s.resumed, finished * 4);
    assert.equal(proxy.paths["/v1/completions"] - firstRun, 80 - finished, "the rerun sends exactly the unfinished prompts");
    assert.equal(readFileSync(out, "utf8"), readFileSync(full, "utf8"));
  } finally {
    await proxy.close();
  }
});

test("through a fault-injecting proxy (500/503/429, resets, timeouts, truncated bodies), >= 2,000 requests: output equals a fault-free run, retries counted", { skip }, async (t) => {
  const rows = Array.from({ length: 2000 }, (_, i) => ({ prompt: `What is ${i} + ${i % 7}?`, response: `It is ${i + (i % 7)}.`, i }));
  const input = writeJsonl(join(dir, "faults.jsonl"), rows);
  const clean = join(dir, "faults.clean.jsonl");
  summary(await oxaAsync(["score", input, clean, "--model", model, "--backend", "vllm", "--server", a!.url, "--concurrency", "8", "--json"]));
  const proxy = await startFaultProxy(a!.url, { e500: 0.03, e503: 0.03, e429: 0.03, reset: 0.03, delay: 0.005, truncate: 0.03 }, { seed: 11, delayMs: 7000 });
  try {
    const out = join(dir, "faults.out.jsonl");
    const s = summary(await oxaAsync(["score", input, out, "--model", model, "--backend", "vllm", "--server", proxy.url, "--concurrency", "8", "--timeout-ms", "6000", "--json"]));
    const requests = Object.values(proxy.counts).reduce((x, y) => x + y, 0);
    assert.ok(requests >= 2000, `${requests} requests`);
    const injected = requests - proxy.counts.pass;
    t.diagnostic(`proxy saw ${requests} requests: ${JSON.stringify(proxy.counts)}; client retries ${JSON.stringify(s.pool.retries)}, failed ${s.pool.failed}, ${s.seconds} s`);
    const retried = Object.values(s.pool.retries as Record<string, number>).reduce((x, y) => x + y, 0);
    assert.equal(retried, injected, `retries ${JSON.stringify(s.pool.retries)} vs injected ${JSON.stringify(proxy.counts)}`);
    assert.equal(s.pool.retries["429"], proxy.counts.e429);
    assert.equal(s.pool.retries["5xx"], proxy.counts.e500 + proxy.counts.e503);
    assert.equal(s.pool.retries.malformed, proxy.counts.truncate);
    assert.equal(s.pool.retries.timeout, proxy.counts.delay);
    assert.equal(s.pool.failed, 0);
    const got = readJsonl(out);
    assert.equal(got.length, 2000);
    assert.deepEqual(got.map((r) => r.i), rows.map((r) => r.i));
    assert.equal(readFileSync(out, "utf8"), readFileSync(clean, "utf8"));
  } finally {
    await proxy.close();
  }
});
