// `oxa demo --preset tiny` end to end (the CI proof that the whole method runs), killed in the
// middle of a stage and rerun, against an uninterrupted run: the same final results.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { demo as runDemo, env, OXA, until } from "./demo-process.ts";

const ARMS = ["sft", "sft_lp", "oxa_mle", "oxa_full"];

const demo = (out: string) => runDemo(out, ["--preset", "tiny"]);

/** The one seed's evaluation of the one (control) world of a tiny run. */
const only = (r: any) => r.variants.control.seeds[0];

/** The measured part of results.json: everything but paths and timings. */
function measured(r: any) {
  const pick = (s: any) => ({ p1: s["pass@1"], pk: s["pass@k"], k: s.k, len: s.mean_length, entropy: s.entropy, data: s.data });
  return { window: r.variants.control.window, base: pick(only(r).base), arms: Object.fromEntries(ARMS.map((a) => [a, pick(only(r).arms[a])])) };
}

function assertSameResults(a: any, b: any) {
  const x = measured(a);
  const y = measured(b);
  // Entropy sums run over batches whose composition a resume may change: equal to ~1e-7.
  for (const arm of [...ARMS, "base"]) {
    const ex = arm === "base" ? x.base : x.arms[arm];
    const ey = arm === "base" ? y.base : y.arms[arm];
    assert.ok(Math.abs(ex.entropy - ey.entropy) < 1e-5, `${arm} entropy ${ex.entropy} vs ${ey.entropy}`);
    ex.entropy = ey.entropy = 0;
  }
  assert.deepEqual(x, y);
}

test("oxa demo --preset tiny: four arms evaluated; a killed demo resumes to the same results; a rerun is all cached", async () => {
  const root = mkdtempSync(join(tmpdir(), "oxa-demo-"));
  const a = demo(join(root, "a"));
  assert.deepEqual(a.seeds, [0]);
  assert.deepEqual(Object.keys(a.variants), ["control"]);
  const arms = only(a).arms;
  for (const arm of ARMS) {
    const s = arms[arm];
    assert.ok(s["pass@1"] >= 0 && s["pass@1"] <= 1 && s["pass@k"] >= s["pass@1"] - 1e-12, `${arm}: ${JSON.stringify(s)}`);
    assert.ok(s.entropy > 0, `${arm} entropy`);
    assert.equal(s.data.ce, arms.sft.data.ce, "equal CE budgets");
  }
  assert.ok(arms.oxa_full.data.ul > 0 && arms.oxa_mle.data.ul === 0);
  // OXA's selection is by design harder for the base than SFT_LP's.
  assert.ok(arms.oxa_mle.data.mean_ppl_ce > arms.sft_lp.data.mean_ppl_ce);
  const saved = JSON.parse(readFileSync(join(root, "a", "results.json"), "utf8"));
  assert.deepEqual(Object.keys(only(saved).arms), ARMS);
  const html = readFileSync(join(root, "a", "report.html"), "utf8");
  assert.ok(html.includes("<svg") && !/https?:\/\/(?!www\.w3\.org)/.test(html), "self-contained report");

  // Kill the whole process group once the rollouts are being sampled, then run again.
  const b = join(root, "b");
  const child = spawn(process.execPath, [OXA, "demo", "--preset", "tiny", "--out", b], { env, detached: true, stdio: "ignore" });
  await until(() => existsSync(join(b, "pipeline", "rollouts", "started.json")), 600_000);
  await new Promise((r) => setTimeout(r, 1500));
  process.kill(-child.pid!, "SIGKILL");
  await new Promise((r) => child.once("exit", r));
  assert.ok(!existsSync(join(b, "results.json")), "the killed demo did not finish");
  const resumed = demo(b);
  assertSameResults(a, resumed);

  const again = demo(join(root, "a"));
  assert.equal(again.stages.ran, 0, "an unchanged demo reruns nothing");
  assertSameResults(a, again);
});
