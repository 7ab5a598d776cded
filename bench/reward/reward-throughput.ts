// Benchmark: `oxa reward-server` requests per second over loopback, as a verl trainer would load it:
// single-item POST /score requests at a fixed concurrency (verl's naive manager: one request per
// response from a thread pool), then batches of 64 ({items}) (the batch manager). Every answer is
// checked against its verdict known by construction; a wrong one aborts the run.
//
//   node --import tsx bench/reward/reward-throughput.ts [--requests 4000] [--concurrency 64] [--batch 64] [--workers 1] [--think-chars 2000]
//
// The server runs as its own process (bin/oxa.mjs), the load generator in this one. Prints JSON with
// the machine's load average before and after (other work on the machine slows both sides).
import { spawn } from "node:child_process";
import { Agent, request } from "node:http";
import { cpus, loadavg } from "node:os";
import { resolve } from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    requests: { type: "string", default: "4000" },
    concurrency: { type: "string", default: "64" },
    batch: { type: "string", default: "64" },
    workers: { type: "string", default: "1" },
    "think-chars": { type: "string", default: "2000" },
  },
});
const N = Number(values.requests);
const C = Number(values.concurrency);
const B = Number(values.batch);
const filler = "Let me add the numbers step by step, carrying where needed. ".repeat(Math.ceil(Number(values["think-chars"]) / 60)).slice(0, Number(values["think-chars"]));

function item(k: number) {
  const n = k + 3;
  const right = k % 2 === 0;
  return { body: { solution_str: `<think>${filler} ${n} halves</think> The answer is \\boxed{\\frac{${right ? n : n + 1}}{2}}.`, ground_truth: String(n / 2) }, score: right ? 1 : 0 };
}

const agent = new Agent({ keepAlive: true, maxSockets: C });
function post(url: string, body: unknown): Promise<any> {
  const data = JSON.stringify(body);
  return new Promise((res, rej) => {
    const req = request(`${url}/score`, { method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(data) } }, (r) => {
      const chunks: Buffer[] = [];
      r.on("data", (c) => chunks.push(c));
      r.on("end", () => (r.statusCode === 200 ? res(JSON.parse(Buffer.concat(chunks).toString("utf8"))) : rej(new Error(`HTTP ${r.statusCode}`))));
    });
    req.on("error", rej);
    req.end(data);
  });
}

/** Runs `total` jobs with at most `c` at once; returns seconds. */
async function drive(total: number, c: number, job: (k: number) => Promise<void>): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: c }, async () => {
    while (next < total) await job(next++);
  }));
  return (performance.now() - t0) / 1000;
}

const child = spawn(process.execPath, [resolve("bin/oxa.mjs"), "reward-server", "--port", "0", "--workers", values.workers!, "--json"], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, OXA_NO_PROGRESS: "1" } });
let log = "";
const url = await new Promise<string>((res, rej) => {
  child.stderr.on("data", (c) => {
    log += c;
    const m = /listening on (http:\/\/\S+)/.exec(log);
    if (m) res(m[1]);
  });
  child.on("exit", () => rej(new Error(log)));
});
const before = loadavg();
// warm-up: the workers compile the verifier's code paths
await Promise.all(Array.from({ length: 64 }, (_, k) => post(url, item(k).body)));

const single = await drive(N, C, async (k) => {
  const it = item(k);
  const r = await post(url, it.body);
  if (r.score !== it.score) throw new Error(`item ${k}: expected ${it.score}, got ${JSON.stringify(r)}`);
});
const batches = Math.ceil(N / B);
const batched = await drive(batches, Math.max(1, Math.floor(C / B)) || 1, async (b) => {
  const items = Array.from({ length: Math.min(B, N - b * B) }, (_, i) => item(b * B + i));
  const r = await post(url, { items: items.map((x) => x.body) });
  items.forEach((x, i) => {
    if (r.results[i].score !== x.score) throw new Error(`batch ${b} item ${i}: expected ${x.score}`);
  });
});
const after = loadavg();
child.kill("SIGTERM");
await new Promise((r) => child.once("exit", r));
agent.destroy();
console.log(
  JSON.stringify(
    {
      machine: { cpus: cpus().length, loadavg_before: before.map((x) => +x.toFixed(2)), loadavg_after: after.map((x) => +x.toFixed(2)) },
      settings: { requests: N, concurrency: C, batch: B, workers: Number(values.workers), response_chars: item(0).body.solution_str.length },
      single: { seconds: +single.toFixed(2), requests_per_s: Math.round(N / single) },
      batched: { seconds: +batched.toFixed(2), requests_per_s: Math.round(batches / batched), items_per_s: Math.round(N / batched) },
      all_correct: true,
    },
    null,
    2,
  ),
);
