// The whole evaluation stage with a synthetic generator (generation is tested end to end in
// eval-e2e.test.ts): outputs, tables and the HTML report opened in headless Chromium.
import { test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { withHeadlessPage } from "../helpers/headless-page.ts";
import { runEval, type EvalConfig } from "../../src/eval/run-eval.ts";
import { verifierGrader } from "../../src/eval/verifier-grader.ts";
import { loadBenchmark } from "../../src/eval/benchmark.ts";
import { readDetails } from "../../src/eval/problem-detail.ts";
import { readResults } from "../../src/eval/read-results.ts";
import { reportChartIds } from "../../src/eval/eval-report-page.ts";
import { nullProgress } from "../../src/io/progress.ts";
import { syntheticGenerator } from "./synthetic-generator.ts";

const FIX = resolve("test/eval/fixtures");

async function setup() {
  const dir = mkdtempSync(join(tmpdir(), "oxa-eval-report-"));
  const skill: Record<string, number> = { base: -1.2, sft: 0.2, oxa: 1.0 };
  for (const m of Object.keys(skill)) {
    mkdirSync(join(dir, m));
    writeFileSync(join(dir, m, "config.json"), "{}");
  }
  const fields = { problem: "problem", answer: "answer", id: "id" };
  const answers = new Map<string, string>();
  for (const b of ["bench-a.json", "bench-b.jsonl"]) for (const p of (await loadBenchmark(join(FIX, b), fields)).problems) answers.set(p.id, p.answer);
  const cfg: EvalConfig = {
    models: Object.keys(skill).map((m) => `${m}=${join(dir, m)}`),
    benches: [`alpha=${join(FIX, "bench-a.json")}`, `beta=${join(FIX, "bench-b.jsonl")}`],
    fields,
    k: 16,
    benchK: { beta: 8 }, // as the paper samples Minerva with half the k
    sampling: { temperature: 0.6, top_p: 0.95, max_new_tokens: 512, seed: 0, apply_template: true, system_prompt: null },
    suffix: " Put the answer in \\boxed{}.",
    out: join(dir, "out"),
    cacheDir: join(dir, "cache"),
    bucketsFrom: ["base"],
    verifier: { mode: "strict" },
  };
  return { dir, cfg, gen: syntheticGenerator(skill, answers) };
}

test("eval outputs agree with their details and the report renders every chart without errors", async (t) => {
  const { dir, cfg, gen } = await setup();
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const grader = verifierGrader({ timeoutMs: 2000, mode: "strict" });
  const deps = { generate: gen, grade: grader.grade, progress: () => nullProgress, log: () => {} };
  let o;
  try {
    o = await runEval(cfg, deps);
    assert.equal(gen.calls, 6);
    assert.equal(o.generated, 3 * (12 * 16 + 10 * 8));

    // results.json numbers recomputed independently from each details.jsonl.
    const saved = JSON.parse(readFileSync(o.files.results, "utf8"));
    assert.deepEqual(readResults(o.files.results), saved);
    for (const label of ["base", "sft", "oxa"]) {
      for (const bench of ["alpha", "beta"]) {
        const k = bench === "beta" ? 8 : 16;
        const ds = await readDetails(join(cfg.out, label, bench, "details.jsonl"));
        assert.ok(ds.every((d) => d.n === k));
        const s = saved.models[label].benchmarks[bench];
        const correct = ds.reduce((a, d) => a + d.correct, 0);
        assert.ok(Math.abs(s["pass@1"] - correct / (ds.length * k)) < 1e-12);
        assert.ok(Math.abs(s[`pass@${k}`] - ds.filter((d) => d.correct > 0).length / ds.length) < 1e-12);
      }
      const avg = saved.models[label].average;
      assert.ok(Math.abs(avg["pass@1"] - (saved.models[label].benchmarks.alpha["pass@1"] + saved.models[label].benchmarks.beta["pass@1"]) / 2) < 1e-12);
    }
    // The synthetic skills are ordered, and the eval sees it.
    assert.ok(saved.models.base.average["pass@1"] < saved.models.oxa.average["pass@1"]);
    // The base against itself gains nothing in every bucket.
    for (const row of saved.buckets.benchmarks.alpha.rows) if (row.problems) assert.equal(row.models.base.gain, 0);

    const csv = readFileSync(o.files.csv, "utf8").trim().split("\n");
    assert.equal(csv.length, 1 + 3 * 3);
    assert.match(readFileSync(o.files.markdown, "utf8"), /\| Model \| alpha Pass@1 \| alpha Pass@16 \| beta Pass@1 \| beta Pass@8 \| Avg Pass@1 \| Avg Pass@k \|/);
    // The average's curve holds only the k' both benchmarks have.
    assert.deepEqual(Object.keys(saved.models.oxa.average).filter((key) => /^pass@\d+$/.test(key)), ["pass@1", "pass@2", "pass@4", "pass@8"]);
    await assert.rejects(runEval({ ...cfg, benchK: { gamma: 4 } }, deps), /--bench-k gamma=…: no benchmark is named "gamma"/);

    // A rerun is served by the cache; a smaller k reads the first samples of the cached 16.
    const again = await runEval(cfg, deps);
    assert.equal(again.generated, 0);
    assert.equal(gen.calls, 6);
    const small = await runEval({ ...cfg, k: 4, out: join(dir, "out4") }, deps);
    assert.equal(small.generated, 0);
    const d16 = await readDetails(join(cfg.out, "sft", "alpha", "details.jsonl"));
    const d4 = await readDetails(join(dir, "out4", "sft", "alpha", "details.jsonl"));
    assert.deepEqual(d4.map((d) => d.verdicts), d16.map((d) => d.verdicts!.slice(0, 4)));
  } finally {
    await grader.close();
  }

  await withHeadlessPage(o.files.report, async ({ page, errors, requests }) => {
    const ids = reportChartIds(o.results);
    assert.equal(ids.length, 1 + 2 + 1 + 1 + 2 + 2);
    for (const id of ids) {
      const marks = await page.locator(`#${id} svg .series`).count();
      assert.equal(marks, 3, `chart #${id} draws a series per model`);
      const box = await page.locator(`#${id} svg`).boundingBox();
      assert.ok(box && box.width > 200 && box.height > 100, `chart #${id} is laid out`);
    }
    assert.equal(await page.locator("figure.chart").count(), ids.length);
    // The legend hides a model in every chart.
    await page.locator('#pass1 .key[data-series="sft"]').click();
    assert.equal(await page.locator('.series.off[data-series="sft"]').count(), ids.length);
    await page.locator('#pass1 .key[data-series="sft"]').click();
    // Per-problem tables: one per benchmark, a row per problem, opened on click.
    assert.equal(await page.locator("details.problems").count(), 2);
    await page.locator("details.problems summary").first().click();
    assert.equal(await page.locator("details.problems").first().locator("tr").count(), 1 + 12);
    assert.ok(await page.locator("details.problems").first().locator("tr").nth(1).isVisible());
    mkdirSync("test-artifacts", { recursive: true });
    await page.screenshot({ path: "test-artifacts/eval-report.png", fullPage: true });
    copyFileSync(o.files.report, "test-artifacts/eval-report.html");
    assert.deepEqual(errors, []);
    assert.deepEqual(requests, []);
  });
});
