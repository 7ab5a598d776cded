// The seeds report (seeds.html) and its standalone SVG rendered from a hand-made two-world,
// three-seed outcome, opened in headless Chromium: one dot per seed, arm and world where the value
// puts it, the mean bar at the mean, the tables' cells as computed here, no errors, no network.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compareWithReference } from "../../src/demo/arm-comparison.ts";
import type { ArmSummary } from "../../src/demo/arm-summary.ts";
import { ARMS } from "../../src/demo/demo-pipeline.ts";
import { summarizeSeeds, type SeedRun } from "../../src/demo/seed-aggregate.ts";
import { pass1Chart, studyPage } from "../../src/demo/study-page.ts";
import type { DemoOutcome, VariantResults } from "../../src/demo/study-results.ts";
import { afterRlOutcome, comparisonTable, levelTable, styleTable, summaryTable } from "../../src/demo/study-table.ts";
import { renderMarkdown } from "../../src/report/table.ts";
import { seedPointsSvg } from "../../src/report/seed-points-chart.ts";
import { withHeadlessPage } from "../helpers/headless-page.ts";
import { studyRlSvg } from "../../src/demo/study-rl-chart.ts";

const MODELS = ["base", ...ARMS];
const SEEDS = [0, 1, 2];
const window = { mu: 2.8, sigma: 0.4, minPpl: 1.1, maxPpl: 7.6, binWidth: 0.08 };

/** Pass@1 of model m in world w at seed s: distinct values so every dot has its own place. */
const p1 = (w: number, m: number, s: number) => 0.02 + 0.05 * m + 0.01 * s + 0.03 * w * (m === 3 ? 1 : 0);
const summary = (v: number): ArmSummary => ({ "pass@1": v, "pass@1_se": 0.01, "pass@k": Math.min(1, 3 * v), k: 4, entropy: 0.3 + v, mean_length: 40 });

function variant(w: number, name: "control" | "premise"): VariantResults {
  const runs: SeedRun[] = SEEDS.map((s) => ({ seed: s, base: summary(p1(w, 0, s)), arms: Object.fromEntries(ARMS.map((a, i) => [a, summary(p1(w, i + 1, s))])) }));
  // 8 problems, 4 samples: each arm's correct counts shifted from SFT's by its index
  const details = Object.fromEntries(ARMS.map((a, i) => [a, SEEDS.map((s) => Array.from({ length: 8 }, (_, q) => ({ id: `p${q}`, n: 4, correct: (q + s + i + w) % 5 === 0 ? 4 : (q + i) % 4 })))]));
  return { variant: name, dir: name, window, seeds: runs, summary: summarizeSeeds(runs, MODELS), comparisons: compareWithReference(details, 0), stages: { ran: 1, cached: 0 } };
}

const outcome: DemoOutcome = {
  preset: "study",
  worldSeed: 0,
  seeds: SEEDS,
  variants: { control: variant(0, "control"), premise: variant(1, "premise") },
  files: { results: "results.json", report: "control/report.html", table: "control/table.md", seedsReport: "seeds.html", seedsSvg: "pass1-seeds.svg", seedsTable: "seeds.md" },
  seconds: 12,
  stages: { ran: 2, cached: 0 },
};

test("tables: mean ± SE across seeds and the comparisons with SFT, per world", () => {
  const t = summaryTable(outcome);
  assert.equal(t.rows.length, 2 * MODELS.length);
  // oxa_mle (model 3) in the premise world: 0.02 + 0.15 + 0.03 + {0, 0.01, 0.02} -> mean 21.0 %, SE 0.01/sqrt(3)·100 = 0.577 %
  const row = t.rows.find((r) => r[0] === "premise" && r[1] === "oxa_mle")!;
  assert.equal(row[2], "21.0 ± 0.6");
  assert.equal(row[6], "3");
  const c = comparisonTable(outcome);
  assert.deepEqual(c.rows.map((r) => `${r[0]} ${r[1]}`), ["control", "premise"].flatMap((v) => ARMS.slice(1).map((a) => `${v} ${a} − sft`)));
  const cmp = outcome.variants.premise!.comparisons.oxa_full;
  const pp = (x: number) => `${x >= 0 ? "+" : "−"}${Math.abs(100 * x).toFixed(1)}`;
  const cells = c.rows.find((r) => r[0] === "premise" && r[1] === "oxa_full − sft")!;
  assert.equal(cells[2], pp(cmp.meanDiff));
  assert.equal(cells[3], `[${pp(cmp.ciLow)}, ${pp(cmp.ciHigh)}]`);
  assert.match(renderMarkdown(c), /\| premise \| oxa_full − sft \|/);
  // with an RL stage the page carries the study's RL picture under its own heading; without, neither
  const rl = studyRlSvg([{ name: "control", arms: [{ name: "sft", seeds: [{ steps: [{ step: 1, reward_mean: 0.1, entropy: 1, kl: 0 }], validation: [] }] }] }], "GRPO");
  assert.ok(studyPage(outcome, rl).includes('<svg id="rl-seeds" '));
  assert.ok(!studyPage(outcome).includes("The RL stage"));
});

test("seeds.html in Chromium: a dot per seed, arm and world at its value, mean bars at the mean, whiskers, no errors or requests", async () => {
  const dir = mkdtempSync(join(tmpdir(), "oxa-seeds-page-"));
  const file = join(dir, "seeds.html");
  writeFileSync(file, studyPage(outcome));
  await withHeadlessPage(file, async ({ page, errors, requests }) => {
    const groups = await page.$$eval("#pass1-seeds g.series", (gs) =>
      gs.map((g) => ({
        name: g.getAttribute("data-series"),
        dots: [...g.querySelectorAll("circle.seed")].map((c) => Number(c.getAttribute("cy"))),
        means: [...g.querySelectorAll("line.mean")].map((l) => Number(l.getAttribute("y1"))),
        whiskers: g.querySelectorAll("line.err").length,
      })),
    );
    assert.deepEqual(groups.map((g) => g.name), ["control", "premise"]);
    const chart = pass1Chart(outcome);
    for (const [gi, g] of groups.entries()) {
      assert.equal(g.dots.length, MODELS.length * SEEDS.length);
      assert.equal(g.means.length, MODELS.length);
      assert.equal(g.whiskers, 3 * MODELS.length, "a stem and two caps per model");
      // the scale is linear: the mean bar sits at the mean of its seeds' dots (to rounding of 0.1 px)
      for (let m = 0; m < MODELS.length; m++) {
        const ys = g.dots.slice(m * 3, m * 3 + 3);
        assert.ok(Math.abs(ys.reduce((s, y) => s + y, 0) / 3 - g.means[m]) < 0.11, `${g.name} ${MODELS[m]}`);
        // a larger Pass@1 is drawn higher (smaller y)
        const vals = chart.groups[gi].points[m].values;
        assert.deepEqual([...ys.keys()].sort((a, b) => ys[a] - ys[b]), [...vals.keys()].sort((a, b) => vals[b] - vals[a]));
      }
    }
    // premise oxa_mle is 3 points above control oxa_mle at every seed: its dots are higher
    assert.ok(groups[1].dots[9] < groups[0].dots[9]);
    const text = await page.textContent("main");
    assert.ok(text!.includes("21.0 ± 0.6") && text!.includes("oxa_full − sft"));
    assert.deepEqual(errors, []);
    assert.deepEqual(requests, []);
  });
  // the standalone SVG opens on its own with the same dots
  const svg = join(dir, "pass1-seeds.svg");
  writeFileSync(svg, seedPointsSvg(pass1Chart(outcome)));
  await withHeadlessPage(svg, async ({ page, errors }) => {
    assert.equal(await page.$$eval("circle.seed", (c) => c.length), 2 * MODELS.length * SEEDS.length);
    assert.equal(await page.$$eval("svg > text.title", (t) => t.length), 1);
    assert.deepEqual(errors, []);
  });
});

test("after GRPO: the after-RL figures replace each variant's, tables and chart drawn as before RL; variants without them are left out", async () => {
  const control = outcome.variants.control!;
  // after RL every arm gains 0.1 at every seed; the base keeps its figures
  const seeds: SeedRun[] = control.seeds.map((run) => ({ ...run, arms: Object.fromEntries(ARMS.map((a) => [a, summary(run.arms[a]["pass@1"] + 0.1)])) }));
  const withRl: DemoOutcome = {
    ...outcome,
    variants: { ...outcome.variants, control: { ...control, afterRl: { seeds, summary: summarizeSeeds(seeds, MODELS), comparisons: control.comparisons } } },
  };
  assert.equal(afterRlOutcome(outcome), null);
  const after = afterRlOutcome(withRl)!;
  assert.deepEqual(Object.keys(after.variants), ["control"]);
  const t = summaryTable(after);
  // control sft (model 1): 0.02 + 0.05 + {0, 0.01, 0.02} + 0.1 -> 18.0 %, SE 0.6; the base as before: 3.0 %
  assert.equal(t.rows.find((r) => r[1] === "sft")![2], "18.0 ± 0.6");
  assert.equal(t.rows.find((r) => r[1] === "base")![2], summaryTable(outcome).rows.find((r) => r[0] === "control" && r[1] === "base")![2]);
  const dir = mkdtempSync(join(tmpdir(), "oxa-seeds-page-rl-"));
  const file = join(dir, "seeds.html");
  writeFileSync(file, studyPage(withRl));
  await withHeadlessPage(file, async ({ page, errors, requests }) => {
    assert.equal(await page.$$eval("#pass1-seeds-rl circle.seed", (c) => c.length), MODELS.length * SEEDS.length);
    assert.equal(await page.$$eval("#pass1-seeds circle.seed", (c) => c.length), 2 * MODELS.length * SEEDS.length);
    assert.ok((await page.textContent("main"))!.includes("After GRPO: mean ± SE across seeds"));
    assert.deepEqual(errors, []);
    assert.deepEqual(requests, []);
  });
});

test("the styles table: each model's samples per teacher style and their Pass@1, seeds pooled; models without counts left out", () => {
  const control = outcome.variants.control!;
  // sft at seeds 0, 1, 2: 10 + 10 + 20 samples; terse 9 + 8 + 15 = 32 (correct 3 + 2 + 3 = 8), verify 0 + 2 + 5 = 7 (correct 0 + 1 + 2 = 3), other 1 + 0 + 0 = 1
  const written = [
    { terse: { samples: 9, correct: 3 }, other: { samples: 1, correct: 0 } },
    { terse: { samples: 8, correct: 2 }, verify: { samples: 2, correct: 1 } },
    { terse: { samples: 15, correct: 3 }, verify: { samples: 5, correct: 2 } },
  ];
  const seeds: SeedRun[] = control.seeds.map((run, i) => ({ ...run, arms: { ...run.arms, sft: { ...run.arms.sft, written: written[i] } } }));
  const withStyles: DemoOutcome = { ...outcome, variants: { control: { ...control, seeds } } };
  const t = styleTable(withStyles);
  assert.deepEqual(t.headers, ["world", "model", "samples", "terse", "narrative", "verify", "fraction", "algebra", "other"]);
  assert.equal(t.rows.length, 1, "only sft has counts");
  // terse 32/40 = 80 %, Pass@1 8/32 = 25.0 %; verify 7/40 = 17.5 -> "18", 3/7 = 42.9 %; other 1/40 = 2.5 -> "3", 0 %
  assert.deepEqual(t.rows[0], ["control", "sft", "40", "80 · 25.0", "-", "18 · 42.9", "-", "-", "3 · 0.0"]);
  assert.ok(studyPage(withStyles).includes("The styles the models write"));
  assert.ok(!studyPage(outcome).includes("The styles the models write"), "no counts, no section");
});

test("the level table: each model's Pass@1 per level, seeds pooled, the header counting each level's problems", () => {
  const control = outcome.variants.control!;
  // k = 4; 3 problems at level 1 (12 samples), 2 at level 2 (8 samples) per seed
  const lv = (c1: number, c2: number) => ({ "1": { samples: 12, correct: c1 }, "2": { samples: 8, correct: c2 } });
  const seeds: SeedRun[] = control.seeds.map((run, i) => ({ ...run, base: { ...run.base, levels: lv(0, 0) }, arms: { ...run.arms, oxa_mle: { ...run.arms.oxa_mle, levels: lv(3 + i, 2 * i) } } }));
  const t = levelTable({ ...outcome, variants: { control: { ...control, seeds } } });
  assert.deepEqual(t.headers, ["world", "model", "level 1 (3)", "level 2 (2)"]);
  // oxa_mle: level 1 (3 + 4 + 5) / 36 = 33.3 %, level 2 (0 + 2 + 4) / 24 = 25.0 %
  assert.deepEqual(t.rows, [["control", "base", "0.0", "0.0"], ["control", "oxa_mle", "33.3", "25.0"]]);
  assert.deepEqual(levelTable(outcome), { headers: [], rows: [] }, "no level counts, no table");
});
