// End to end through the CLI on a real tiny model and the real engine: k = 4 samples, a first run
// killed mid-generation and resumed, outputs checked against an independent re-verification of
// the cached samples, cache reuse (a further run generates nothing), a smaller k from the cache.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { tinyModel } from "../helpers/tiny-model.ts";
import { verify } from "../../src/verify/verify.ts";
import { readDetails } from "../../src/eval/problem-detail.ts";

const BENCH = resolve("test/eval/fixtures/bench-a.json");
const OXA = resolve("bin/oxa.mjs");

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function oxa(args: string[], opts: { killWhen?: () => boolean } = {}): Promise<Run> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [OXA, "eval", ...args], { env: { ...process.env, OXA_NO_PROGRESS: "1" }, detached: true });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = opts.killWhen
      ? setInterval(() => {
          if (opts.killWhen!()) {
            clearInterval(timer);
            process.kill(-child.pid!, "SIGKILL"); // the CLI and its engine process, as a crash would
          }
        }, 20)
      : undefined;
    child.on("close", (code) => {
      if (timer) clearInterval(timer);
      done({ code: code ?? 137, stdout, stderr });
    });
  });
}

// Complete lines only: a line torn by the kill is dropped by the engine on resume.
const countLines = (p: string) => (existsSync(p) ? readFileSync(p, "utf8").split("\n").length - 1 : 0);

test("oxa eval on a real tiny model: resume after a kill, metrics from verified samples, cache reuse, smaller k", async (t) => {
  const model = await tinyModel();
  const dir = mkdtempSync(join(tmpdir(), "oxa-eval-e2e-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const common = ["--model", `tiny=${model}`, "--bench", `arith=${BENCH}`, "--max-new-tokens", "24", "--batch-size", "8", "--device", "cpu", "--json"];
  const out = join(dir, "out");

  // First run, killed mid-generation as a crash would (after the engine's first batch of 8).
  const cache = join(out, "samples");
  const partial = () => {
    const key = existsSync(cache) ? readdirSync(cache)[0] : undefined;
    return key ? join(cache, key, "n4", "samples.jsonl.partial") : "";
  };
  const crashed = await oxa([...common, "--k", "4", "--out", out], { killWhen: () => countLines(partial()) >= 8 });
  assert.notEqual(crashed.code, 0, "the run finished before it could be killed");
  const kept = countLines(partial());
  assert.ok(kept >= 8 && kept < 48, `killed after ${kept} samples`);

  // The rerun resumes: it generates only the samples the killed run had not finished.
  const first = await oxa([...common, "--k", "4", "--out", out]);
  assert.equal(first.code, 0, first.stderr);
  const r1 = JSON.parse(first.stdout);
  assert.equal(r1.generated, 48 - kept);
  const s1 = r1.results.models.tiny.benchmarks.arith;
  const samplesPath = join(cache, s1.cache_key, "n4", "samples.jsonl");

  // Independent recomputation from the engine's samples with the verifier called directly.
  const gold = new Map((JSON.parse(readFileSync(BENCH, "utf8")) as { answer: unknown }[]).map((row, i) => [String(i + 1), String(row.answer)]));
  const samples = readFileSync(samplesPath, "utf8").trim().split("\n").map((l) => JSON.parse(l));
  assert.equal(samples.length, 48);
  assert.equal(new Set(samples.map((x) => `${x.id}/${x.sample}`)).size, 48, "no sample lost or repeated by the resume");
  const correct = new Map<string, number>();
  for (const s of samples) correct.set(s.id, (correct.get(s.id) ?? 0) + (verify(gold.get(s.id)!, s.text, { mode: "strict" }).correct ? 1 : 0));
  const details = await readDetails(join(out, "tiny", "arith", "details.jsonl"));
  assert.deepEqual(Object.fromEntries(details.map((d) => [d.id, d.correct])), Object.fromEntries(correct));
  const total = [...correct.values()].reduce((a, b) => a + b, 0);
  assert.ok(Math.abs(s1["pass@1"] - total / 48) < 1e-12);
  assert.ok(Math.abs(s1["pass@4"] - [...correct.values()].filter((c) => c > 0).length / 12) < 1e-12);
  const tokens = samples.reduce((a, s) => a + s.n_tokens, 0);
  assert.ok(Math.abs(s1.mean_length - tokens / 48) < 1e-9);
  const weighted = samples.filter((s) => s.n_tokens > 0 && s.mean_entropy !== null);
  const h = weighted.reduce((a, s) => a + s.mean_entropy * s.n_tokens, 0) / weighted.reduce((a, s) => a + s.n_tokens, 0);
  assert.ok(s1.entropy > 0 && Math.abs(s1.entropy - h) < 1e-9);
  assert.equal(s1.truncated, samples.filter((s) => s.finish_reason === "length").length / 48);
  for (const f of ["results.json", "results.csv", "table.md", "report.html", "tiny/arith/summary.json"]) assert.ok(existsSync(join(out, f)), f);

  // Second run: everything from the cache; the samples file is not even rewritten.
  const mtime = statSync(samplesPath).mtimeMs;
  const second = await oxa([...common, "--k", "4", "--out", out]);
  assert.equal(second.code, 0, second.stderr);
  const r2 = JSON.parse(second.stdout);
  assert.equal(r2.generated, 0);
  assert.match(second.stderr, /samples from the cache/);
  assert.equal(statSync(samplesPath).mtimeMs, mtime);
  // Same metrics; only this call's sample count and timings differ.
  const metrics = (r: any) => ({ ...r.results.models.tiny.benchmarks.arith, generated: 0, seconds: 0 });
  assert.deepEqual(metrics(r2), metrics(r1));
  assert.equal(r2.results.models.tiny.benchmarks.arith.seconds.generate < 1, true);

  // k = 2 reads the first two samples of each problem from the k = 4 cache.
  const small = await oxa([...common, "--k", "2", "--out", join(dir, "out2"), "--cache-dir", cache]);
  assert.equal(small.code, 0, small.stderr);
  assert.equal(JSON.parse(small.stdout).generated, 0);
  const d2 = await readDetails(join(dir, "out2", "tiny", "arith", "details.jsonl"));
  assert.deepEqual(d2.map((d) => d.lengths), details.map((d) => d.lengths.slice(0, 2)));

});

test("oxa eval: bad input exits 2 naming file, line and field", async () => {
  const dir = mkdtempSync(join(tmpdir(), "oxa-eval-bad-"));
  try {
    const bench = join(dir, "b.jsonl");
    writeFileSync(bench, '{"problem": "1+1?", "answer": "2"}\n{"problem": "2+2?"}\n');
    const r = await oxa(["--model", await tinyModel(), "--bench", bench, "--out", join(dir, "o")]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, new RegExp(`${bench}, line 2, field "answer"`));
    writeFileSync(bench, '{"problem": "1+1?", "answer": "2"}\n');
    const r1 = await oxa(["--model", `ok=${await tinyModel()}`, "--model", dir, "--bench", bench, "--out", join(dir, "o")]);
    assert.equal(r1.code, 2);
    assert.match(r1.stderr, new RegExp(`${dir}: not a model directory \\(no config.json\\)`));
    assert.ok(!existsSync(join(dir, "o", "samples")), "nothing generated before the check");
    const r2 = await oxa(["--model", `a=${dir}`, "--model", `a=${dir}`, "--bench", bench]);
    assert.equal(r2.code, 2);
    assert.match(r2.stderr, /model label "a" is given twice/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
