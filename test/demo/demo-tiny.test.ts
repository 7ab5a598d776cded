// `oxa demo --preset tiny` end to end (the CI proof that the whole method runs), killed in the
// middle of a stage and rerun with two stages at once (--jobs 2). A second uninterrupted run would
// double the test's time, so the check against a clean run is cheaper and as strict: a copy of the
// finished run directory without the rollouts stage is rerun with one job; rollouts then starts
// from scratch, and only if it writes the same bytes as the resumed one is every stage after it
// (keyed by its inputs' hashes) found unchanged, giving the same final results. Then the same
// --out with `--seeds 2`: only seed 1's stages run (world, base and seed 0 are cached);
// results.json's per-seed figures are the per-seed evaluations', its summary their mean ± SE
// computed here, one comparison per arm against SFT; results.json records no absolute path.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { demo as runDemo, env, OXA, until } from "./demo-process.ts";

const ARMS = ["sft", "sft_lp", "oxa_mle", "oxa_full"];
const SHARED = ["world", "init", "pretrain-data", "base", "verified", "scored"];

/** Every string in a JSON value. */
const strings = (v: unknown): string[] =>
  typeof v === "string" ? [v] : Array.isArray(v) ? v.flatMap(strings) : v !== null && typeof v === "object" ? Object.values(v).flatMap(strings) : [];

/** results.json of `out` holds no absolute path, nor the directory it was made in. */
function assertRelative(out: string, root: string) {
  const text = readFileSync(join(out, "results.json"), "utf8");
  assert.ok(!text.includes(root), "results.json names the run's directory");
  for (const s of strings(JSON.parse(text))) assert.ok(!s.startsWith("/"), s);
}

/** --seeds 2 on top of a finished one-seed run in `out` (the world seed 0). */
function assertSecondSeed(out: string, root: string, one: any) {
  const r = demo2(out);
  assert.deepEqual(r.seeds, [0, 1]);
  const v = r.variants.control;
  const run = join(out, "pipeline");
  const done = readdirSync(run).filter((n) => existsSync(join(run, n, "manifest.json")));
  const seed0 = done.filter((n) => !SHARED.includes(n) && !n.endsWith("-s1"));
  for (const n of SHARED) assert.ok(done.includes(n) && !done.includes(`${n}-s1`), n);
  assert.ok(seed0.includes("eval") && seed0.includes("rollouts") && seed0.includes("train-oxa-full"));
  for (const n of seed0) assert.ok(done.includes(`${n}-s1`), `${n}-s1`);
  assert.equal(done.length, SHARED.length + 2 * seed0.length);
  assert.equal(v.stages.ran, seed0.length, "only seed 1's stages ran");
  assert.deepEqual(v.seeds[0], only(one), "seed 0 is the one-seed run's");
  for (const [i, evalStage] of ["eval", "eval-s1"].entries()) {
    const e = JSON.parse(readFileSync(join(run, evalStage, "out", "results.json"), "utf8"));
    assert.equal(v.seeds[i].seed, i);
    for (const m of ["base", ...ARMS]) {
      const got = m === "base" ? v.seeds[i].base : v.seeds[i].arms[m];
      assert.equal(got["pass@1"], e.models[m].benchmarks.world["pass@1"], `${evalStage} ${m}`);
      assert.equal(got.entropy, e.models[m].benchmarks.world.entropy, `${evalStage} ${m}`);
      // every graded sample has a style, and the styles' correct samples add up to the eval's Pass@1
      const b = e.models[m].benchmarks.world;
      const styles = Object.values(got.written) as { samples: number; correct: number }[];
      assert.equal(styles.reduce((n, c) => n + c.samples, 0), b.problems * b.k, `${evalStage} ${m} samples`);
      assert.ok(Math.abs(styles.reduce((n, c) => n + c.correct, 0) - b["pass@1"] * b.problems * b.k) < 1e-9, `${evalStage} ${m} correct`);
      // and so do the levels' (each problem under its level in the world's test set)
      const levels = Object.values(got.levels) as { samples: number; correct: number }[];
      assert.equal(levels.reduce((n, c) => n + c.samples, 0), b.problems * b.k, `${evalStage} ${m} level samples`);
      assert.ok(Math.abs(levels.reduce((n, c) => n + c.correct, 0) - b["pass@1"] * b.problems * b.k) < 1e-9, `${evalStage} ${m} level correct`);
    }
  }
  for (const m of ["base", ...ARMS]) {
    for (const key of ["pass@1", "pass@k", "entropy", "mean_length"]) {
      const [x, y] = v.seeds.map((s: any) => (m === "base" ? s.base : s.arms[m])[key]);
      const s = v.summary[m][key];
      assert.equal(s.n, 2);
      assert.ok(Math.abs(s.mean - (x + y) / 2) < 1e-12, `${m} ${key} mean`);
      // two values: sd = |x − y| / sqrt(2), so SE = sd / sqrt(2) = |x − y| / 2
      assert.ok(Math.abs(s.se - Math.abs(x - y) / 2) < 1e-12, `${m} ${key} se`);
    }
  }
  assert.deepEqual(Object.keys(v.comparisons), ARMS.slice(1));
  for (const a of ARMS.slice(1)) {
    const c = v.comparisons[a];
    assert.equal(c.reference, "sft");
    assert.equal(c.perSeedDiff.length, 2);
    // same problems and samples per problem in both seeds: the pooled difference is the seeds' mean
    assert.ok(Math.abs(c.meanDiff - (c.perSeedDiff[0] + c.perSeedDiff[1]) / 2) < 1e-12, a);
    assert.ok(c.ciLow <= c.meanDiff + 1e-12 && c.meanDiff <= c.ciHigh + 1e-12, a);
  }
  for (const f of Object.values(r.files) as string[]) assert.ok(existsSync(join(out, f)), f);
  assert.ok(readFileSync(join(out, "pass1-seeds.svg"), "utf8").startsWith("<svg"));
  assert.equal((readFileSync(join(out, "seeds.html"), "utf8").match(/class="seed"/g) ?? []).length, 5 * 2, "a dot per model and seed");
  assertRelative(out, root);
}

const demo = (out: string) => runDemo(out, ["--preset", "tiny"]);
const demo2 = (out: string) => runDemo(out, ["--preset", "tiny", "--seeds", "2"]);

/** The one seed's evaluation of the one (control) world of a tiny run. */
const only = (r: any) => r.variants.control.seeds[0];

/** The measured part of results.json: everything but paths and timings. */
function measured(r: any) {
  const pick = (s: any) => ({ p1: s["pass@1"], pk: s["pass@k"], k: s.k, len: s.mean_length, entropy: s.entropy, data: s.data, written: s.written, levels: s.levels });
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

test("oxa demo --preset tiny: four arms evaluated; a killed demo resumes (--jobs 2) to the results of a clean run; a rerun is all cached; --seeds 2 adds only seed 1", async () => {
  const root = mkdtempSync(join(tmpdir(), "oxa-demo-"));

  // Kill the whole process group once the rollouts are being sampled, then run again.
  const b = join(root, "b");
  const child = spawn(process.execPath, [OXA, "demo", "--preset", "tiny", "--out", b], { env, detached: true, stdio: "ignore" });
  await until(() => existsSync(join(b, "pipeline", "rollouts", "started.json")), 600_000);
  await new Promise((r) => setTimeout(r, 1500));
  process.kill(-child.pid!, "SIGKILL");
  await new Promise((r) => child.once("exit", r));
  assert.ok(!existsSync(join(b, "results.json")), "the killed demo did not finish");
  assert.ok(!existsSync(join(b, "pipeline", "rollouts", "manifest.json")), "rollouts was killed before it finished");
  // resumed with two stages at once
  const resumed = runDemo(b, ["--preset", "tiny", "--jobs", "2"]);
  assert.deepEqual(resumed.seeds, [0]);
  assert.deepEqual(Object.keys(resumed.variants), ["control"]);
  const arms = only(resumed).arms;
  for (const arm of ARMS) {
    const s = arms[arm];
    assert.ok(s["pass@1"] >= 0 && s["pass@1"] <= 1 && s["pass@k"] >= s["pass@1"] - 1e-12, `${arm}: ${JSON.stringify(s)}`);
    assert.ok(s.entropy > 0, `${arm} entropy`);
    assert.equal(s.data.ce, arms.sft.data.ce, "equal CE budgets");
  }
  assert.ok(arms.oxa_full.data.ul > 0 && arms.oxa_mle.data.ul === 0);
  // OXA's selection is by design harder for the base than SFT_LP's.
  assert.ok(arms.oxa_mle.data.mean_ppl_ce > arms.sft_lp.data.mean_ppl_ce);
  const saved = JSON.parse(readFileSync(join(b, "results.json"), "utf8"));
  assert.deepEqual(Object.keys(only(saved).arms), ARMS);
  assertRelative(b, root);
  const html = readFileSync(join(b, "report.html"), "utf8");
  assert.ok(html.includes("<svg") && !/https?:\/\/(?!www\.w3\.org)/.test(html), "self-contained report");

  // The same run directory without rollouts, run with one job: a clean rollouts gives the same bytes.
  const a = join(root, "a");
  cpSync(join(b, "pipeline"), join(a, "pipeline"), { recursive: true });
  rmSync(join(a, "pipeline", "rollouts"), { recursive: true, force: true });
  const clean = demo(a);
  assert.equal(clean.stages.ran, 1, "rollouts reran; every stage after it found its inputs unchanged");
  const rollouts = (top: string) => readFileSync(join(top, "pipeline", "rollouts", "out", "rollouts.jsonl"));
  assert.ok(rollouts(a).length > 0 && rollouts(a).equals(rollouts(b)), "byte-identical rollouts");
  assertSameResults(clean, resumed);

  const again = demo(b);
  assert.equal(again.stages.ran, 0, "an unchanged demo reruns nothing");
  assertSameResults(resumed, again);

  assertSecondSeed(b, root, resumed);
  assert.equal(demo2(b).stages.ran, 0, "an unchanged two-seed demo reruns nothing");
});
