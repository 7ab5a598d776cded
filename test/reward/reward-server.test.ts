// oxa reward-server: 1,000 concurrent loopback requests with verdicts known by construction all get
// the right answer; malformed requests get 400 naming the field; OpenRLHF's format; limits; a
// SIGTERM mid-request still answers it; the Python reward module, called as verl calls it, returns
// the verifier's verdicts (through verl's own loader when .venv-verl is there).
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { Agent, request } from "node:http";
import { resolve } from "node:path";
import { RewardServer, rewardServerConfig, rewardVerifyOptions } from "../../src/reward/index.ts";
import { verify } from "../../src/verify/index.ts";
import { REASONING_SUFFIX } from "../../src/mix/index.ts";
import { verlPython, warnIfNoVerl } from "../export/verl-venv.ts";

const agent = new Agent({ keepAlive: false, maxSockets: Infinity });

function post(url: string, path: string, body: unknown, raw?: string): Promise<{ status: number; body: any }> {
  const data = raw ?? JSON.stringify(body);
  return new Promise((res, rej) => {
    const req = request(`${url}${path}`, { method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(data) } }, (r) => {
      const chunks: Buffer[] = [];
      r.on("data", (c) => chunks.push(c));
      r.on("end", () => res({ status: r.statusCode!, body: JSON.parse(Buffer.concat(chunks).toString("utf8")) }));
    });
    req.on("error", rej);
    req.end(data);
  });
}

async function get(url: string, path: string, method = "GET") {
  const r = await fetch(`${url}${path}`, { method });
  return { status: r.status, body: await r.json() };
}

const config = rewardServerConfig.parse({ port: 0, workers: 1, maxBodyBytes: 4096, maxBatch: 50 });
const server = new RewardServer({ ...config, verify: rewardVerifyOptions(config) });
const url = await server.listen();
after(() => server.close());

/** Item k with its verdict known by construction: the same value in another notation, a wrong one, no </think>, no box. */
function item(k: number): { body: any; score: number; verdict: string } {
  const n = k + 2;
  switch (k % 5) {
    case 0: return { body: { solution_str: `<think>${n}/2 halves</think> So \\boxed{\\frac{${n}}{2}}`, ground_truth: String(n / 2) }, score: 1, verdict: "correct" };
    case 1: return { body: { response: `<think>add</think> \\boxed{${n + 1}}`, ground_truth: String(n), data_source: "oxa/world" }, score: 0, verdict: "incorrect" };
    case 2: return { body: { solution_str: `I think it is \\boxed{${n}}`, ground_truth: `${n}` }, score: 0, verdict: "pred_unparsed" };
    case 3: return { body: { solution_str: `<think>\\boxed{${n + 7}}</think> The answer is ${n}.`, ground_truth: n }, score: 0, verdict: "pred_unparsed" };
    default: return { body: { solution_str: `<think>${n}*${n}</think>\n\\boxed{${n * n}}`, ground_truth: `$${n * n}$` }, score: 1, verdict: "correct" };
  }
}

test("1,000 concurrent requests over loopback: every answer is the one known by construction", async () => {
  const items = Array.from({ length: 1000 }, (_, k) => item(k));
  const t0 = performance.now();
  const answers = await Promise.all(items.map((it) => post(url, "/score", it.body)));
  const seconds = (performance.now() - t0) / 1000;
  answers.forEach((a, k) => {
    assert.equal(a.status, 200, JSON.stringify(a.body));
    assert.equal(a.body.score, items[k].score, `item ${k}: ${JSON.stringify(a.body)}`);
    assert.equal(a.body.verdict, items[k].verdict, `item ${k}`);
    assert.equal(typeof a.body.reason, "string");
  });
  console.error(`1,000 concurrent requests answered in ${seconds.toFixed(2)} s`);
  const h = await get(url, "/health");
  assert.equal(h.status, 200);
  assert.equal(h.body.status, "ok");
  assert.ok(h.body.served >= 1000);
});

test("the verdicts equal the verifier's own (strict mode, think: require) on the same items", async () => {
  const items = Array.from({ length: 40 }, (_, k) => item(k));
  const { body } = await post(url, "/score", { items: items.map((it) => it.body) });
  items.forEach((it, k) => {
    const v = verify(String(it.body.ground_truth), it.body.solution_str ?? it.body.response, { mode: "strict", think: "require" });
    assert.equal(body.results[k].score, v.correct ? 1 : 0);
    assert.equal(body.results[k].reason, v.reason);
  });
});

test("batch form and OpenRLHF's remote reward-model format (query = prompt + response; the prompt's own example box never counts)", async () => {
  const items = [item(0), item(1), item(2), item(4)];
  const b = await post(url, "/score", { items: items.map((it) => it.body) });
  assert.equal(b.status, 200);
  assert.deepEqual(b.body.results.map((r: any) => r.score), [1, 0, 0, 1]);
  const prompt = `<|im_start|>user\nWhat is 3*4?${REASONING_SUFFIX}<|im_end|>\n<|im_start|>assistant\n`;
  const answers = ["<think>3*4=12</think> \\boxed{12}", "<think>3*4=13</think> \\boxed{13}", "no think, \\boxed{12}", "<think>hm"];
  const o = await post(url, "/get_reward", { query: answers.map((a) => prompt + a), prompts: answers.map(() => prompt), labels: answers.map(() => "12") });
  assert.equal(o.status, 200);
  assert.deepEqual(o.body.rewards, [1, 0, 0, 0]);
  assert.deepEqual(o.body.scores, [1, 0, 0, 0]);
  // the gold "answer here" in the prompt would be correct if the prompt were read: it must not be
  const trap = await post(url, "/get_reward", { query: [prompt + "<think>x"], prompts: [prompt], labels: ["answer here"] });
  assert.deepEqual(trap.body.rewards, [0]);
  const lost = await post(url, "/score", { query: ["something else </think> \\boxed{12}"], prompts: [prompt], labels: ["12"] });
  assert.deepEqual(lost.body.rewards, [0]);
});

test("malformed requests get 400 with a JSON error naming the field; limits get 413; wrong routes 404/405", async () => {
  const cases: [unknown, string][] = [
    [{ solution_str: "\\boxed{1}" }, "ground_truth"],
    [{ ground_truth: "1" }, "solution_str"],
    [{ solution_str: 5, ground_truth: "1" }, "solution_str"],
    [{ solution_str: "x", ground_truth: ["1"] }, "ground_truth"],
    [{ solution_str: "x", ground_truth: "1", data_source: 3 }, "data_source"],
    [{ items: [item(0).body, item(1).body, { solution_str: "x" }] }, "items[2].ground_truth"],
    [{ items: [item(0).body, "x"] }, "items[1]"],
    [{ items: "x" }, "items"],
    [{ query: ["a", "b"], labels: ["1"] }, "labels"],
    [{ query: ["a"], prompts: ["p", "q"], labels: ["1"] }, "prompts"],
    [{ query: [1], labels: ["1"] }, "query[0]"],
    [{ query: ["a"], labels: [null] }, "labels[0]"],
    [[1, 2], "(body)"],
  ];
  for (const [body, field] of cases) {
    const r = await post(url, "/score", body);
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.equal(r.body.field, field, JSON.stringify(body));
    assert.match(r.body.error, new RegExp(`field "${field.replace(/[[\]()]/g, "\\$&")}"`));
  }
  const bad = await post(url, "/score", null, "{not json");
  assert.equal(bad.status, 400);
  assert.equal(bad.body.field, "(body)");
  assert.match(bad.body.error, /malformed JSON/);
  const big = await post(url, "/score", { solution_str: "x".repeat(5000), ground_truth: "1" });
  assert.equal(big.status, 413);
  const many = await post(url, "/score", { items: Array.from({ length: 51 }, () => ({ solution_str: "a", ground_truth: "1" })) });
  assert.equal(many.status, 413);
  assert.equal(many.body.field, "items");
  assert.equal((await get(url, "/nope")).status, 404);
  assert.equal((await get(url, "/score")).status, 405);
  // the server is still fine afterwards
  assert.equal((await post(url, "/score", item(0).body)).body.score, 1);
});

test("a verifier that overruns its time limit scores 0 with verdict timeout; the server keeps answering", async () => {
  const c = rewardServerConfig.parse({ port: 0, workers: 1, verifyTimeoutMs: 1 });
  const slow = new RewardServer({ ...c, verify: rewardVerifyOptions(c) });
  const u = await slow.listen();
  try {
    // a long nested expression keeps the parser busy far past 1 ms
    const expr = Array.from({ length: 120 }, (_, i) => `\\frac{${i + 1}}{\\sqrt{${i + 2}}}`).join("+");
    const r = await post(u, "/score", { solution_str: `<think>t</think> \\boxed{${expr}}`, ground_truth: expr.replace(/\+/g, " + ") });
    assert.equal(r.status, 200);
    assert.equal(r.body.score, 0);
    assert.equal(r.body.verdict, "timeout");
    assert.match(r.body.reason, /budget/);
  } finally {
    await slow.close();
  }
});

test("oxa reward-server: SIGTERM while a batch is being verified still answers it in full, then exits 0", async () => {
  const child = spawn(process.execPath, [resolve("bin/oxa.mjs"), "reward-server", "--port", "0", "--workers", "1", "--json"], { env: { ...process.env, OXA_NO_PROGRESS: "1" }, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  let stdout = "";
  child.stdout.on("data", (c) => (stdout += c));
  const exited = new Promise((res) => child.once("exit", res));
  const u = await new Promise<string>((res, rej) => {
    child.stderr.on("data", (c) => {
      stderr += c;
      const m = /listening on (http:\/\/\S+)/.exec(stderr);
      if (m) res(m[1]);
    });
    child.on("exit", () => rej(new Error(`exited early: ${stderr}`)));
  });
  const items = Array.from({ length: 3000 }, (_, k) => item(k));
  const pending = post(u, "/score", { items: items.map((it) => it.body) });
  // signal once the batch is with the verifier (the server counts it as queued)
  let answered = false;
  void pending.then(() => (answered = true));
  while (!answered && (await get(u, "/health")).body.queued === 0) await new Promise((r) => setTimeout(r, 2));
  child.kill("SIGTERM");
  const r = await pending;
  assert.equal(r.status, 200);
  assert.deepEqual(r.body.results.map((x: any) => x.score), items.map((it) => it.score));
  const code = await exited;
  assert.equal(code, 0, stderr);
  const summary = JSON.parse(stdout);
  assert.equal(summary.signal, "SIGTERM");
  assert.equal(summary.items, 3000);
});

const MODULE = resolve("integrations/verl/oxa_reward.py");

/** Runs Python without blocking this process's event loop: the server under test lives in it. */
function py(exe: string, args: string[], env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((res) => {
    const child = spawn(exe, args, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c) => (stdout += c));
    child.stderr.on("data", (c) => (stderr += c));
    child.on("exit", (status) => res({ status, stdout, stderr }));
  });
}
const CALL = `
import importlib.util, json, sys
spec = importlib.util.spec_from_file_location("oxa_reward", sys.argv[1])
m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)
items = json.loads(sys.argv[2])
one = [m.compute_score(it.get("data_source", "oxa/world"), it.get("solution_str", it.get("response")), it["ground_truth"], extra_info={"index": k, "split": "train"}, reward_router_address=None) for k, it in enumerate(items)]
batch = m.compute_score_batch([it.get("data_source", "oxa/world") for it in items], [it.get("solution_str", it.get("response")) for it in items], [it["ground_truth"] for it in items])
detail = m.score_detail(items[0].get("solution_str", items[0].get("response")), items[0]["ground_truth"])
print(json.dumps({"one": one, "batch": batch, "detail": detail}))
`;

test("the verl reward module, imported from its path and called as verl calls it, returns the verifier's verdicts", async () => {
  const items = Array.from({ length: 10 }, (_, k) => item(k));
  const r = await py(resolve("engine/.venv/bin/python"), ["-c", CALL, MODULE, JSON.stringify(items.map((it) => it.body))], { OXA_REWARD_URL: url });
  assert.equal(r.status, 0, r.stderr);
  const got = JSON.parse(r.stdout);
  assert.deepEqual(got.one, items.map((it) => it.score));
  assert.deepEqual(got.batch, items.map((it) => it.score));
  assert.equal(got.detail.verdict, "correct");
});

test("the reward module says clearly when the server is unreachable (after its retries) and names the field of a refused request", async () => {
  const script = `
import importlib.util, sys, time
spec = importlib.util.spec_from_file_location("oxa_reward", sys.argv[1])
m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)
t = time.time()
try:
    m.compute_score("oxa/world", "<think>x</think> \\\\boxed{1}", "1")
except m.OxaRewardUnavailable as e:
    print("UNAVAILABLE", round(time.time() - t, 2), e)
`;
  // port 9 (discard) on loopback: nothing listens there
  const r = await py(resolve("engine/.venv/bin/python"), ["-c", script, MODULE], { OXA_REWARD_URL: "http://127.0.0.1:9", OXA_REWARD_RETRIES: "3", OXA_REWARD_BACKOFF: "0.1" });
  assert.equal(r.status, 0, r.stderr);
  const m = /^UNAVAILABLE ([\d.]+) (.*)$/m.exec(r.stdout);
  assert.ok(m, r.stdout);
  assert.ok(Number(m[1]) >= 0.3, "backed off 0.1 + 0.2 s between its 3 tries"); // 0.1 + 0.2
  assert.match(m[2], /unreachable at http:\/\/127\.0\.0\.1:9\/score after 3 tries/);
  assert.match(m[2], /oxa reward-server/);
  const refused = await py(resolve("engine/.venv/bin/python"), ["-c", `
import importlib.util, sys
spec = importlib.util.spec_from_file_location("oxa_reward", sys.argv[1])
m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)
try:
    m._post("/score", {"solution_str": "x"})
except m.OxaRewardRequestError as e:
    print(e)
`, MODULE], { OXA_REWARD_URL: url });
  assert.match(refused.stdout, /HTTP 400\): field "ground_truth": missing/);
});

const skipVerl = warnIfNoVerl();
test("through verl's own custom-reward loader (verl.trainer.ppo.reward.get_custom_reward_fn)", { skip: skipVerl }, async () => {
  const items = Array.from({ length: 10 }, (_, k) => item(k));
  const script = `
import json, sys
from omegaconf import OmegaConf
from verl.trainer.ppo.reward import get_custom_reward_fn
fn = get_custom_reward_fn(OmegaConf.create({"reward": {"custom_reward_function": {"path": sys.argv[1], "name": "compute_score", "reward_kwargs": {}}}}))
items = json.loads(sys.argv[2])
print(json.dumps([fn(data_source="oxa/world", solution_str=it.get("solution_str", it.get("response")), ground_truth=it["ground_truth"], extra_info={}) for it in items]))
`;
  const r = await py(verlPython()!, ["-c", script, MODULE, JSON.stringify(items.map((it) => it.body))], { OXA_REWARD_URL: url });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout.trim().split("\n").pop()!), items.map((it) => it.score));
});
