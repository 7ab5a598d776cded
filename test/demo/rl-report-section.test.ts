// The demo report's RL section with several arms, on runs written here with known rows (the schema
// `oxa rl` writes): results.json's start/end numbers equal the rows; appended to a report page and
// opened in headless Chromium, each of the three charts (Pass@1, entropy, reward) holds one line per
// arm whose points are the arm's rows on axes shared by every arm (pixel position affine in step
// and value across all arms); an arm's legend key hides it in the eval's charts too; no console
// error, no network request.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { withHeadlessPage } from "../helpers/headless-page.ts";
import { rlMetricsRow, rlValidationRow } from "../../src/engine/jobs/rl.ts";
import { htmlPage } from "../../src/report/html-page.ts";
import { lineChart } from "../../src/report/html-line-chart.ts";
import { appendSections } from "../../src/report/html-page-sections.ts";
import { readArmRuns, rlArmSummary } from "../../src/demo/rl-results.ts";
import { rlArmsSvg, rlReportSection, rlSectionChartIds } from "../../src/demo/rl-report-section.ts";
import { rlStageName } from "../../src/demo/rl-stage.ts";

const ARMS = ["sft", "sft_lp", "oxa_mle"];

/** An arm's run as the demo lays it out (<run>/rl-<arm>/out): every value a distinct function of (arm, step). */
function writeArm(runDir: string, a: number, steps: number) {
  const dir = join(runDir, rlStageName(ARMS[a]), "out");
  mkdirSync(dir, { recursive: true });
  const rows = Array.from({ length: steps }, (_, i) => {
    const s = i + 1;
    return rlMetricsRow.parse({
      step: s, reward_mean: 0.1 * a + 0.03 * s, reward_std: 0.3, zero_variance_groups: 0.25, entropy: 1.5 - 0.04 * s - 0.2 * a, kl: 0.001 * s,
      clip_low: 0, clip_high: 0, loss: 0, grad_norm: 0.5, lr: 1e-4, response_length_mean: 30, response_length_max: 64,
      truncated: 0, masked: 0, tokens: 900, rollout_s: 1, reward_s: 0.1, update_s: 0.5,
    });
  });
  const val = [0, 3, 6, steps].filter((s, i, xs) => s <= steps && xs.indexOf(s) === i).map((s) => rlValidationRow.parse({ step: s, pass_at_1: 0.05 * (a + 1) + 0.02 * s, n: 16, response_length_mean: 28 }));
  writeFileSync(join(dir, "metrics.jsonl"), rows.map((r) => JSON.stringify(r) + "\n").join(""));
  writeFileSync(join(dir, "validation.jsonl"), val.map((r) => JSON.stringify(r) + "\n").join(""));
  return { rows, val };
}

// the report's number formats, written out again here: shares as percentages, others to 3 digits
const share = (v: number) => `${+(100 * v).toPrecision(3)}%`;
const number = (v: number) => String(+v.toPrecision(3));

test("demo RL section: start/end per arm, three charts with a line per arm on shared axes, clean in Chromium", async () => {
  const dir = mkdtempSync(join(tmpdir(), "oxa-demo-rl-"));
  const runDir = join(dir, "pipeline");
  const written = [writeArm(runDir, 0, 8), writeArm(runDir, 1, 8), writeArm(runDir, 2, 5)];
  const runs = await readArmRuns(runDir, ARMS);
  assert.deepEqual(runs.map((r) => r.name), ARMS);

  // results.json's numbers, against the rows
  runs.forEach((r, a) => {
    const { rows, val } = written[a];
    const s = rlArmSummary(r);
    assert.equal(s.steps, rows.length);
    assert.deepEqual(s.curves.pass_at_1, { first: { step: 0, value: val[0].pass_at_1 }, last: { step: val.at(-1)!.step, value: val.at(-1)!.pass_at_1 } });
    assert.deepEqual(s.curves.entropy, { first: { step: 1, value: rows[0].entropy }, last: { step: rows.length, value: rows.at(-1)!.entropy } });
    assert.deepEqual(s.curves.reward_mean, { first: { step: 1, value: rows[0].reward_mean }, last: { step: rows.length, value: rows.at(-1)!.reward_mean } });
  });

  // the eval page the section joins: it has an "entropy" chart of the same arms
  const evalChart = lineChart({ id: "entropy", title: "eval entropy", xLabel: "x", yLabel: "y", series: ["base", ...ARMS].map((name, i) => ({ name, points: [[1, i], [2, i + 1]] })) });
  const page = htmlPage({ title: "demo", subtitle: "", meta: [], sections: [`<div class="grid">${evalChart}</div>`] });
  const html = appendSections(page, rlReportSection(runs, ["base"]));
  assert.equal(html.split("</main>").length, 2);
  assert.ok(html.indexOf("rl-pass_at_1") < html.indexOf("</main>"));
  assert.throws(() => appendSections("<html></html>", ["x"]), /no <\/main>/);
  const file = join(dir, "report.html");
  writeFileSync(file, html);

  // the README's SVG: four panels, a line per arm in each
  const svg = rlArmsSvg(runs, "arms");
  assert.equal((svg.match(/<polyline /g) ?? []).length, 4 * ARMS.length);

  await withHeadlessPage(file, async ({ page, errors, requests }) => {
    const ids = rlSectionChartIds();
    assert.deepEqual(ids, ["rl-pass_at_1", "rl-entropy", "rl-reward_mean"]);
    const want: Record<string, (a: number) => [number, number, string][]> = {
      "rl-pass_at_1": (a) => written[a].val.map((v) => [v.step, v.pass_at_1, share(v.pass_at_1)]),
      "rl-entropy": (a) => written[a].rows.map((r) => [r.step, r.entropy, number(r.entropy)]),
      "rl-reward_mean": (a) => written[a].rows.map((r) => [r.step, r.reward_mean, number(r.reward_mean)]),
    };
    for (const id of ids) {
      const series = await page.$$eval(`#${id} g.series`, (gs) =>
        gs.map((g) => ({ name: g.getAttribute("data-series"), pts: [...g.querySelectorAll("circle")].map((c) => ({ cx: Number(c.getAttribute("cx")), cy: Number(c.getAttribute("cy")), title: c.querySelector("title")!.textContent })) })),
      );
      assert.deepEqual(series.map((s) => s.name), ARMS, `#${id}: one line per arm (none for the base)`);
      // each arm has the colour the eval's chart gives it
      for (const arm of ARMS) {
        const colour = (chart: string) => page.getAttribute(`#${chart} g.series[data-series="${arm}"]`, "stroke");
        assert.equal(await colour(id), await colour("entropy"), `#${id} ${arm}'s colour`);
      }
      const all: { step: number; value: number; cx: number; cy: number }[] = [];
      series.forEach((s, a) => {
        const w = want[id](a);
        assert.deepEqual(s.pts.map((p) => p.title), w.map(([step, , label]) => `${ARMS[a]}: step ${step} → ${label}`), `#${id} ${ARMS[a]}`);
        s.pts.forEach((p, i) => all.push({ step: w[i][0], value: w[i][1], cx: p.cx, cy: p.cy }));
      });
      // shared axes: one affine map from (step, value) to pixels fits the points of every arm
      const fit = (k: "step" | "value", px: "cx" | "cy") => {
        const lo = all.reduce((m, p) => (p[k] < m[k] ? p : m));
        const hi = all.reduce((m, p) => (p[k] > m[k] ? p : m));
        const slope = (hi[px] - lo[px]) / (hi[k] - lo[k]);
        for (const p of all) assert.ok(Math.abs(lo[px] + slope * (p[k] - lo[k]) - p[px]) < 0.15, `#${id}: ${px} of ${JSON.stringify(p)} off the shared axis`);
      };
      fit("step", "cx");
      fit("value", "cy");
    }
    // the start/end table: a row per arm
    const cells = await page.$$eval("table tr", (trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent)));
    const body = cells.filter((c) => c.length);
    assert.deepEqual(body.map((c) => c[0]), ARMS);
    body.forEach((c, a) => {
      const { rows, val } = written[a];
      assert.deepEqual(c.slice(1), [String(rows.length), `${(100 * val[0].pass_at_1).toFixed(1)}%`, `${(100 * val.at(-1)!.pass_at_1).toFixed(1)}%`, rows[0].entropy.toFixed(3), rows.at(-1)!.entropy.toFixed(3), rows[0].reward_mean.toFixed(3), rows.at(-1)!.reward_mean.toFixed(3)]);
    });
    // an arm's legend key hides it in the RL charts and in the eval's chart alike
    await page.locator('#rl-entropy .key[data-series="oxa_mle"]').click();
    assert.equal(await page.locator('.series.off[data-series="oxa_mle"]').count(), ids.length + 1);
    mkdirSync("test-artifacts", { recursive: true });
    await page.screenshot({ path: "test-artifacts/demo-rl-section.png", fullPage: true });
    assert.deepEqual(errors, []);
    assert.deepEqual(requests, []);
  });
  assert.ok(readFileSync(file, "utf8").includes("RL stage"));
});

test("the demo's RL lines: each arm's start and end, Pass@1 in percent", async () => {
  const { formatRlSummary } = await import("../../src/demo/rl-results.ts");
  const e = (a: number, b: number, s = 1) => ({ first: { step: s === 0 ? 0 : 1, value: a }, last: { step: 4, value: b } });
  const text = formatRlSummary({ sft: { steps: 4, curves: { pass_at_1: e(0.125, 0.25, 0), entropy: e(1.5, 1.25), reward_mean: e(0.0625, 0.5) } } });
  assert.match(text, /GRPO, 4 steps per arm/);
  assert.match(text, /sft +Pass@1 12\.5 -> 25\.0 +entropy 1\.500 -> 1\.250 +reward 0\.063 -> 0\.500/);
});
