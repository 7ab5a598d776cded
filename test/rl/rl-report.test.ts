// `oxa rl-report` on run directories written here with known rows (the schema `oxa rl` writes):
// the --json summary's first/last values are checked against the rows themselves, the SVG holds a
// line per run, and the HTML page is opened in headless Chromium: every chart draws one series per
// run that has data, the legend hides a run everywhere, no console error, no network request.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { withHeadlessPage } from "../helpers/headless-page.ts";
import { rlMetricsRow, rlValidationRow } from "../../src/engine/jobs/rl.ts";
import { RL_CURVES, rlReportChartIds } from "../../src/rl/index.ts";

const OXA = new URL("../../bin/oxa.mjs", import.meta.url).pathname;
const oxa = (args: string[]) => spawnSync(process.execPath, [OXA, "rl-report", ...args], { encoding: "utf8", env: { ...process.env, OXA_NO_PROGRESS: "1" } });

/** A run of `steps` steps whose every column is a distinct, known function of the step. */
function writeRun(dir: string, steps: number, o: { offset: number; kl: boolean; validation: boolean }) {
  mkdirSync(dir, { recursive: true });
  const rows = Array.from({ length: steps }, (_, i) => {
    const s = i + 1;
    return rlMetricsRow.parse({
      step: s, reward_mean: o.offset + 0.05 * s, reward_std: 0.4 - 0.01 * s, zero_variance_groups: 0.5 / s,
      entropy: 1.2 - 0.02 * s + o.offset, kl: o.kl ? 0.001 * s : null, clip_low: 0.001 * s, clip_high: 0.002 * s,
      loss: -0.01 * s, grad_norm: 0.5, lr: 1e-6, response_length_mean: 40 + s, response_length_max: 60 + 2 * s,
      truncated: 0.01 * (s % 3), masked: 0, tokens: 1000 + s, rollout_s: 2 + 0.1 * s, reward_s: 0.05 * s, update_s: 1 + 0.01 * s,
    });
  });
  writeFileSync(join(dir, "metrics.jsonl"), rows.map((r) => JSON.stringify(r) + "\n").join(""));
  const val = o.validation ? [0, 5, 10].filter((s) => s <= steps).map((s) => rlValidationRow.parse({ step: s, pass_at_1: 0.2 + o.offset + 0.01 * s, n: 50, response_length_mean: 30 })) : [];
  if (o.validation) writeFileSync(join(dir, "validation.jsonl"), val.map((r) => JSON.stringify(r) + "\n").join(""));
  return { rows, val };
}

test("rl-report: the summary equals the rows, the SVG and the HTML page draw every run, the page runs clean in Chromium", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), "oxa-rl-report-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const a = writeRun(join(dir, "sft-arm"), 10, { offset: 0, kl: true, validation: true });
  const b = writeRun(join(dir, "oxa-arm"), 7, { offset: 0.1, kl: false, validation: true });
  const out = join(dir, "report.html");
  const r = oxa(["--run", `sft=${join(dir, "sft-arm")}`, "--run", join(dir, "oxa-arm"), "--out", out, "--json"]);
  assert.equal(r.status, 0, r.stderr);
  const summary = JSON.parse(r.stdout);
  assert.equal(summary.report, out);
  assert.equal(summary.svg, join(dir, "report.svg"));
  assert.deepEqual(summary.runs.map((x: any) => [x.name, x.steps, x.validations]), [["sft", 10, 3], ["oxa-arm", 7, 2]]);
  // every curve's first and last value, read back from the rows written above
  for (const [run, { rows, val }] of [[summary.runs[0], a], [summary.runs[1], b]] as const) {
    for (const c of RL_CURVES) {
      const got = run.curves[c.key];
      if (c.key === "pass_at_1") {
        assert.deepEqual(got.first, { step: val[0].step, value: val[0].pass_at_1 });
        assert.deepEqual(got.last, { step: val.at(-1)!.step, value: val.at(-1)!.pass_at_1 });
      } else if (c.key === "kl" && rows[0].kl === null) {
        assert.deepEqual(got, { first: null, last: null });
      } else {
        const k = c.key as keyof (typeof rows)[0];
        assert.deepEqual(got.first, { step: 1, value: rows[0][k] }, c.key);
        assert.deepEqual(got.last, { step: rows.length, value: rows.at(-1)![k] }, c.key);
      }
    }
  }
  // the SVG: four panels, a polyline per run with data in each (no KL line for the run without a reference)
  const svg = readFileSync(summary.svg, "utf8");
  assert.match(svg, /^<svg xmlns/);
  assert.equal((svg.match(/<polyline /g) ?? []).length, 2 + 2 + 2 + 1);
  assert.match(svg, />sft</);
  assert.match(svg, />oxa-arm</);

  // errors name the problem: a directory that is no run, a missing one, two runs with one name
  const notRun = oxa(["--run", dir, "--out", join(dir, "x.html")]);
  assert.equal(notRun.status, 2, notRun.stderr);
  assert.match(notRun.stderr, /no metrics\.jsonl here/);
  const dup = oxa(["--run", `x=${join(dir, "sft-arm")}`, "--run", `x=${join(dir, "oxa-arm")}`, "--out", join(dir, "y.html")]);
  assert.notEqual(dup.status, 0);
  assert.match(dup.stderr, /two runs are named "x"/);
  // a malformed row is named by file and line
  mkdirSync(join(dir, "bad"));
  writeFileSync(join(dir, "bad", "metrics.jsonl"), JSON.stringify(a.rows[0]) + "\n" + JSON.stringify({ ...a.rows[1], entropy: "high" }) + "\n");
  const bad = oxa(["--run", join(dir, "bad"), "--out", join(dir, "z.html")]);
  assert.notEqual(bad.status, 0);
  assert.match(bad.stderr, /metrics\.jsonl, line 2, field "entropy"/);

  await withHeadlessPage(out, async ({ page, errors, requests }) => {
    const ids = rlReportChartIds();
    assert.equal(ids.length, 14);
    assert.equal(await page.locator("figure.chart").count(), ids.length);
    for (const id of ids) {
      const want = id === "kl" ? 1 : 2; // the second run has no reference model
      assert.equal(await page.locator(`#${id} svg .series`).count(), want, `chart #${id} draws a line per run with data`);
      assert.equal(await page.locator(`#${id} .key`).count(), 2, `chart #${id} has a legend key per run`);
      const box = await page.locator(`#${id} svg`).boundingBox();
      assert.ok(box && box.width > 200 && box.height > 100, `chart #${id} is laid out`);
    }
    // a line's points are the run's own: 10 steps of the first run in the reward chart
    assert.equal(await page.locator('#reward_mean .series[data-series="sft"] circle').count(), 10);
    assert.equal(await page.locator('#pass_at_1 .series[data-series="oxa-arm"] circle').count(), 2);
    await page.locator('#entropy .key[data-series="sft"]').click();
    assert.equal(await page.locator('.series.off[data-series="sft"]').count(), ids.length);
    await page.locator('#entropy .key[data-series="sft"]').click();
    assert.equal(await page.locator("table tr").count(), 1 + ids.length);
    mkdirSync("test-artifacts", { recursive: true });
    await page.screenshot({ path: "test-artifacts/rl-report.png", fullPage: true });
    copyFileSync(out, "test-artifacts/rl-report.html");
    copyFileSync(summary.svg, "test-artifacts/rl-report.svg");
    assert.deepEqual(errors, []);
    assert.deepEqual(requests, []);
  });
});
