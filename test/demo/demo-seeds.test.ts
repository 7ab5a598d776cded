// `oxa demo --preset tiny --seeds 2` end to end: the world-seeded stages run once, every later stage
// once per seed; results.json's per-seed figures are the per-seed evaluations', its summary their
// mean ± SE computed here, its comparisons one per arm against SFT; it records no absolute path;
// rerunning it, or the one-seed demo, in the same --out runs nothing (seed 0's stages are shared).
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { demo } from "./demo-process.ts";

const ARMS = ["sft", "sft_lp", "oxa_mle", "oxa_full"];
const SHARED = ["world", "init", "pretrain-data", "base", "verified", "scored"];

/** Every string in a JSON value. */
const strings = (v: unknown): string[] =>
  typeof v === "string" ? [v] : Array.isArray(v) ? v.flatMap(strings) : v !== null && typeof v === "object" ? Object.values(v).flatMap(strings) : [];

test("oxa demo --preset tiny --seeds 2: shared stages once, per-seed stages per seed, summary and comparisons, no absolute paths, reruns cached", () => {
  const root = mkdtempSync(join(tmpdir(), "oxa-demo-seeds-"));
  const out = join(root, "d");
  const r = demo(out, ["--preset", "tiny", "--seeds", "2"]);
  assert.deepEqual(r.seeds, [0, 1]);
  assert.equal(r.worldSeed, 0);
  const v = r.variants.control;
  assert.equal(v.dir, ".");

  // Stages: the world seed's under plain names, seed 1's suffixed, the shared ones once.
  const run = join(out, "pipeline");
  const done = readdirSync(run).filter((n) => existsSync(join(run, n, "manifest.json")));
  const perSeed = done.filter((n) => !SHARED.includes(n) && !n.endsWith("-s1"));
  for (const n of SHARED) assert.ok(done.includes(n) && !done.includes(`${n}-s1`), n);
  assert.ok(perSeed.includes("eval") && perSeed.includes("rollouts") && perSeed.includes("train-oxa-full"));
  for (const n of perSeed) assert.ok(done.includes(`${n}-s1`), `${n}-s1`);
  assert.equal(done.length, SHARED.length + 2 * perSeed.length);
  assert.equal(v.stages.ran, done.length, "each stage ran once");

  // Per-seed figures are each seed's evaluation's; the summary is their mean and SE.
  for (const [i, evalStage] of ["eval", "eval-s1"].entries()) {
    const e = JSON.parse(readFileSync(join(run, evalStage, "out", "results.json"), "utf8"));
    assert.equal(v.seeds[i].seed, i);
    for (const m of ["base", ...ARMS]) {
      const got = m === "base" ? v.seeds[i].base : v.seeds[i].arms[m];
      assert.equal(got["pass@1"], e.models[m].benchmarks.world["pass@1"], `${evalStage} ${m}`);
      assert.equal(got.entropy, e.models[m].benchmarks.world.entropy, `${evalStage} ${m}`);
    }
  }
  for (const m of ["base", ...ARMS]) {
    for (const key of ["pass@1", "pass@k", "entropy", "mean_length"]) {
      const [x, y] = v.seeds.map((s: any) => (m === "base" ? s.base : s.arms[m])[key]);
      const s = v.summary[m][key];
      assert.equal(s.n, 2);
      assert.ok(Math.abs(s.mean - (x + y) / 2) < 1e-12, `${m} ${key} mean`);
      // two values: sd = |x − y| / sqrt(2), SE = sd / sqrt(2) = |x − y| / 2
      assert.ok(Math.abs(s.se - Math.abs(x - y) / 2) < 1e-12, `${m} ${key} se`);
    }
  }
  assert.deepEqual(Object.keys(v.comparisons), ARMS.slice(1));
  for (const a of ARMS.slice(1)) {
    const c = v.comparisons[a];
    assert.equal(c.reference, "sft");
    assert.equal(c.perSeedDiff.length, 2);
    // the pooled difference is the mean of the per-seed differences (same problems, same n per seed)
    assert.ok(Math.abs(c.meanDiff - (c.perSeedDiff[0] + c.perSeedDiff[1]) / 2) < 1e-12, a);
    assert.ok(c.ciLow <= c.meanDiff + 1e-12 && c.meanDiff <= c.ciHigh + 1e-12, a);
  }

  // The files a person opens, and results.json without an absolute path.
  for (const f of Object.values(r.files) as string[]) assert.ok(existsSync(join(out, f)), f);
  const text = readFileSync(join(out, "results.json"), "utf8");
  assert.ok(!text.includes(root), "results.json names the run's directory");
  for (const s of strings(JSON.parse(text))) assert.ok(!s.startsWith("/"), s);
  assert.ok(readFileSync(join(out, "pass1-seeds.svg"), "utf8").startsWith("<svg"));
  assert.equal((readFileSync(join(out, "seeds.html"), "utf8").match(/class="seed"/g) ?? []).length, 5 * 2);

  // Rerun: nothing runs; the one-seed demo in the same --out is seed 0's stages, all cached.
  assert.equal(demo(out, ["--preset", "tiny", "--seeds", "2"]).stages.ran, 0);
  const one = demo(out, ["--preset", "tiny"]);
  assert.equal(one.stages.ran, 0);
  assert.deepEqual(one.variants.control.seeds[0], v.seeds[0]);
});
