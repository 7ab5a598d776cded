// `oxa score` end to end: real CLI, real engine, real tiny model. Numbers are checked against an
// independent single-sequence forward pass run in a separate Python process.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { tinyModel, TEST_CORPUS } from "../helpers/tiny-model.ts";
import { oxa, oxaDetached, readJsonl, writeJsonl } from "../helpers/oxa-cli.ts";
import { enginePython } from "../../src/engine/python.ts";

const pairs = readFileSync(TEST_CORPUS, "utf8")
  .split("\n")
  .filter(Boolean)
  .map((l) => l.replace("Question: ", "").split(" Solution: "));
const tmp = () => mkdtempSync(join(tmpdir(), "oxa-score-"));

/** PPL of each (prompt, response) from one plain forward pass per sequence, written independently. */
function referencePpl(model: string, rows: { prompt: string; response: string }[]): number[] {
  const script = `
import json, sys, torch
from transformers import AutoModelForCausalLM, AutoTokenizer
tok = AutoTokenizer.from_pretrained(sys.argv[1], local_files_only=True)
model = AutoModelForCausalLM.from_pretrained(sys.argv[1], local_files_only=True)
out = []
for r in json.loads(sys.stdin.read()):
    text = tok.apply_chat_template([{"role": "user", "content": r["prompt"]}], add_generation_prompt=True, tokenize=False)
    p = tok(text, add_special_tokens=False).input_ids
    ids = p + tok(r["response"], add_special_tokens=False).input_ids
    with torch.no_grad():
        logp = torch.log_softmax(model(torch.tensor([ids])).logits[0].double(), -1)
    nll = -sum(logp[t - 1, ids[t]].item() for t in range(len(p), len(ids)))
    out.append(float(torch.exp(torch.tensor(nll / (len(ids) - len(p))))))
print(json.dumps(out))`;
  const r = spawnSync(enginePython(), ["-c", script, model], { input: JSON.stringify(rows), encoding: "utf8", env: { ...process.env, OMP_NUM_THREADS: "1" } });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout.trim().split("\n").at(-1)!);
}

test("both input shapes: PPL equals an independent forward pass; lists stay parallel; --json summary", async () => {
  const model = await tinyModel();
  const dir = tmp();
  const rows = pairs.slice(0, 6).map(([q, s], i) => ({ q, a: s.repeat(1 + (i % 3)), extra: i }));
  const flat = writeJsonl(join(dir, "flat.jsonl"), rows.map((r) => ({ question: r.q, answer: r.a, extra: r.extra })));
  const r1 = oxa(["score", flat, join(dir, "flat.out.jsonl"), "--model", model, "--prompt-field", "question", "--response-field", "answer", "--token-budget", "300", "--json"]);
  assert.equal(r1.status, 0, r1.stderr);
  const summary = JSON.parse(r1.stdout);
  assert.equal(summary.responses, 6);
  assert.equal(summary.device, "cpu");
  assert.equal(summary.dtype, "float32");
  const got = readJsonl(join(dir, "flat.out.jsonl"));
  assert.deepEqual(got.map((g) => g.extra), [0, 1, 2, 3, 4, 5]);
  const ref = referencePpl(model, rows.map((r) => ({ prompt: r.q, response: r.a })));
  got.forEach((g, i) => {
    assert.ok(Math.abs(g.ppl - ref[i]) / ref[i] <= 1e-4, `row ${i}: ${g.ppl} vs ${ref[i]}`);
    assert.ok(Math.abs(Math.exp(g.nll_sum / g.n_tokens) - g.ppl) / g.ppl < 1e-9);
    assert.deepEqual(g.scored_by, { model: relative(dir, model), dtype: "float32", device: "cpu" }); // relative to the output's directory
  });
  // the same pairs grouped two per query (and one query with no responses)
  const grouped = writeJsonl(join(dir, "grouped.jsonl"), [
    { query: rows[0].q, responses: [rows[0].a] },
    { query: rows[1].q, responses: [] },
    { query: rows[2].q, responses: [rows[2].a, rows[2].a] },
  ]);
  const r2 = oxa(["score", grouped, join(dir, "grouped.out.jsonl"), "--model", model]);
  assert.equal(r2.status, 0, r2.stderr);
  const g2 = readJsonl(join(dir, "grouped.out.jsonl"));
  assert.deepEqual(g2[1].ppl, []);
  assert.equal(g2[2].ppl.length, 2);
  for (const [k, i] of [[0, 0], [2, 2]] as const) for (const p of g2[k].ppl) assert.ok(Math.abs(p - got[i].ppl) / got[i].ppl < 1e-5);
  assert.equal(g2[2].n_tokens[0], got[2].n_tokens);
});

test("bad input: malformed line, missing field, --skip-invalid side file, empty input, missing model", async () => {
  const model = await tinyModel();
  const dir = tmp();
  const [q, s] = pairs[0];
  const bad = join(dir, "bad.jsonl");
  writeFileSync(bad, [JSON.stringify({ prompt: q, response: s }), "{oops", JSON.stringify({ prompt: q }), JSON.stringify({ prompt: q, response: "" }), JSON.stringify({ prompt: q, response: s })].join("\n") + "\n");
  const r1 = oxa(["score", bad, join(dir, "o.jsonl"), "--model", model]);
  assert.equal(r1.status, 2, r1.stderr);
  assert.match(r1.stderr, /bad\.jsonl, line 2: malformed JSON/);
  writeFileSync(join(dir, "missing.jsonl"), JSON.stringify({ prompt: q, response: s }) + "\n" + JSON.stringify({ prompt: q }) + "\n");
  const r2 = oxa(["score", join(dir, "missing.jsonl"), join(dir, "o.jsonl"), "--model", model]);
  assert.equal(r2.status, 2, r2.stderr);
  assert.match(r2.stderr, /missing\.jsonl, line 2, field "response": missing field/);
  assert.ok(!existsSync(join(dir, "o.jsonl")));

  const r3 = oxa(["score", bad, join(dir, "skip.jsonl"), "--model", model, "--skip-invalid", "--json"]);
  assert.equal(r3.status, 0, r3.stderr);
  assert.equal(JSON.parse(r3.stdout).rejected, 3);
  assert.equal(readJsonl(join(dir, "skip.jsonl")).length, 2);
  const rejects = readJsonl(join(dir, "skip.jsonl.rejects.jsonl"));
  assert.deepEqual(rejects.map((r) => [r.line, r.field]), [[2, null], [3, "response"], [4, "response"]]);
  assert.match(rejects[2].reason, /empty response/);

  writeFileSync(join(dir, "empty.jsonl"), "");
  const r4 = oxa(["score", join(dir, "empty.jsonl"), join(dir, "empty.out.jsonl"), "--model", model]);
  assert.equal(r4.status, 0, r4.stderr);
  assert.equal(readFileSync(join(dir, "empty.out.jsonl"), "utf8"), "");

  const r5 = oxa(["score", bad, join(dir, "o.jsonl"), "--model", join(dir, "no-such-model")]);
  assert.equal(r5.status, 2, r5.stderr);
  assert.match(r5.stderr, /--model .*no-such-model: no such directory/);
  writeFileSync(join(dir, "config.json"), "{}");
  const r6 = oxa(["score", bad, join(dir, "o.jsonl"), "--model", dir]);
  assert.equal(r6.status, 2, r6.stderr);
  assert.match(r6.stderr, /is missing tokenizer_config\.json, \*\.safetensors/);
});

test("a run killed mid-file resumes to exactly the uninterrupted output", async () => {
  const model = await tinyModel();
  const dir = tmp();
  const input = writeJsonl(join(dir, "in.jsonl"), pairs.slice(0, 60).map(([q, s], i) => ({ prompt: q, response: s, i })));
  const args = (out: string) => ["score", input, join(dir, out), "--model", model, "--token-budget", "1"];
  assert.equal(oxa(args("whole.jsonl")).status, 0);
  const child = oxaDetached(args("killed.jsonl"));
  const work = join(dir, "killed.jsonl.work");
  const partialLines = () => {
    const f = existsSync(work) ? readdirSync(work).find((n) => n.endsWith(".partial")) : undefined;
    return f ? readFileSync(join(work, f), "utf8").split("\n").length - 1 : 0;
  };
  const deadline = Date.now() + 120_000;
  while (partialLines() < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  process.kill(-child.pid!, "SIGKILL");
  await new Promise((r) => child.once("exit", r));
  const n = partialLines();
  assert.ok(n >= 3 && n < 60 && !existsSync(join(dir, "killed.jsonl")), `the kill must land mid-file (${n} lines)`);
  const r = oxa([...args("killed.jsonl"), "--json"]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).resumed, n);
  assert.equal(readFileSync(join(dir, "killed.jsonl"), "utf8"), readFileSync(join(dir, "whole.jsonl"), "utf8"));
  assert.ok(!existsSync(work));
});
