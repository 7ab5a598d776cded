// The study's RL picture (rl-seeds.svg): the mean across seeds against a computation written out
// here, and the drawing — a row per world, five panels per row (greedy Pass@1, the evaluation's
// sampled Pass@1 and Pass@k before and after GRPO, entropy, reward), per arm a faint line per seed and a
// bold mean line whose pixels are the mean of the seeds' pixels (the panel's scale is linear) —
// opened in headless Chromium inside seeds.html with no console error and no request.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { meanAcrossSeeds, studyRlSvg, type StudyRlSeed, type StudyRlWorld } from "../../src/demo/study-rl-chart.ts";
import { withHeadlessPage } from "../helpers/headless-page.ts";

const ARMS = ["sft", "oxa_full"];
const SEEDS = [0, 1, 2];

/** A run whose every value is a distinct function of (world, arm, seed, step). */
function curve(w: number, a: number, s: number): StudyRlSeed {
  return {
    evaluated: [
      { step: 0, pass1: 0.1 + 0.02 * a + 0.01 * s + 0.03 * w, passk: 0.4 + 0.05 * a - 0.02 * s },
      { step: 6, pass1: 0.2 + 0.03 * a + 0.02 * s + 0.01 * w, passk: 0.35 + 0.04 * a + 0.01 * s },
    ],
    steps: Array.from({ length: 6 }, (_, i) => ({ step: i + 1, reward_mean: 0.1 * a + 0.02 * i + 0.01 * s + 0.05 * w, entropy: 1.2 - 0.05 * i + 0.1 * a - 0.03 * s + 0.2 * w, kl: 0.001 * i })),
    validation: [0, 3, 6].map((step) => ({ step, pass_at_1: 0.05 + 0.01 * step + 0.04 * a + 0.02 * s })),
  };
}
const worlds: StudyRlWorld[] = ["control", "premise"].map((name, w) => ({ name, arms: ARMS.map((arm, a) => ({ name: arm, seeds: SEEDS.map((s) => curve(w, a, s)) })) }));

test("the mean across seeds: per step, only where every seed has a value", () => {
  const seeds = SEEDS.map((s) => curve(1, 1, s).steps.map((r) => [r.step, r.entropy] as const));
  const got = meanAcrossSeeds(seeds);
  assert.equal(got.length, 6);
  for (const [step, v] of got) {
    const want = (SEEDS.map((s) => 1.2 - 0.05 * (step - 1) + 0.1 - 0.03 * s + 0.2).reduce((x, y) => x + y, 0)) / 3;
    assert.ok(Math.abs(v - want) < 1e-12, `step ${step}`);
  }
  // a step one seed lacks (a run stopped early) or holds NaN is left out, not averaged over fewer seeds
  assert.deepEqual(meanAcrossSeeds([[[1, 1], [2, 3]], [[1, 3]], [[1, 2], [2, Number.NaN]]]), [[1, 2]]);
  assert.deepEqual(meanAcrossSeeds([]), []);
});

test("rl-seeds.svg in Chromium: a row per world, per arm and panel a faint line per seed and the mean in bold", async () => {
  const svg = studyRlSvg(worlds, "GRPO per arm");
  const dir = mkdtempSync(join(tmpdir(), "oxa-study-rl-"));
  const file = join(dir, "rl-seeds.svg");
  writeFileSync(file, svg);
  await withHeadlessPage(file, async ({ page, errors, requests }) => {
    const panels = await page.$$eval("svg > g > g", (gs) =>
      gs.map((g) => ({
        title: g.querySelector("text")!.textContent,
        lines: [...g.querySelectorAll("polyline")].map((p) => ({
          faint: p.classList.contains("faint"),
          stroke: p.getAttribute("stroke"),
          ys: p.getAttribute("points")!.trim().split(" ").map((xy) => Number(xy.split(",")[1])),
        })),
      })),
    );
    assert.deepEqual(panels.map((p) => p.title), ["control", "premise"].flatMap((w) => [`${w}: held-out Pass@1 (greedy)`, `${w}: Pass@1 (eval, 8 samples)`, `${w}: Pass@8 (eval)`, `${w}: policy entropy (nats)`, `${w}: mean training reward`]));
    for (const p of panels) {
      assert.equal(p.lines.filter((l) => l.faint).length, ARMS.length * SEEDS.length, p.title!);
      const bold = p.lines.filter((l) => !l.faint);
      assert.equal(bold.length, ARMS.length);
      for (const [a, mean] of bold.entries()) {
        const seeds = p.lines.filter((l) => l.faint && l.stroke === mean.stroke);
        assert.equal(seeds.length, SEEDS.length, `${p.title} arm ${a}: one colour per arm`);
        // linear scale: the mean's pixel is the mean of the seeds' pixels (to the 0.1 px rounding)
        mean.ys.forEach((y, i) => assert.ok(Math.abs(y - seeds.reduce((s, l) => s + l.ys[i], 0) / SEEDS.length) < 0.11, `${p.title} arm ${a} point ${i}`));
      }
    }
    // the arms' colours differ, and the legend names each arm once
    const legend = await page.$$eval("svg > text", (ts) => ts.map((t) => t.textContent));
    for (const a of ARMS) assert.equal(legend.filter((t) => t === a).length, 1);
    assert.deepEqual(errors, []);
    assert.deepEqual(requests, []);
  });
});

test("rl-seeds.svg without evaluation figures: the three RL panels only", () => {
  const bare = worlds.map((w) => ({ ...w, arms: w.arms.map((a) => ({ ...a, seeds: a.seeds.map(({ evaluated: _, ...run }) => run) })) }));
  const svg = studyRlSvg(bare, "GRPO per arm");
  assert.ok(!svg.includes("(eval"));
  assert.equal((svg.match(/: held-out Pass@1 \(greedy\)</g) ?? []).length, 2);
});
