// `oxa rl` end to end through the CLI on a real tiny model and the real engine: every rollout's
// reward equals the verifier's own verdict on it (checked here with verify()), the metrics rows
// agree with the rollouts and rewards files, validation rows, curves, a loadable model; a run
// stopped after step 2 and resumed equals an uninterrupted one; bad options fail before work.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { tinyModel } from "../helpers/tiny-model.ts";
import { oxa, readJsonl, writeJsonl } from "../helpers/oxa-cli.ts";
import { verify } from "../../src/verify/index.ts";

const BASE = ["--preset", "tiny", "--steps", "3", "--prompts-per-step", "6", "--n", "4", "--max-new-tokens", "16", "--lr", "1e-3", "--kl-coef", "0.01", "--verify-mode", "lenient", "--verify-think", "ignore", "--overlong", "none", "--device", "cpu", "--save-every", "1", "--json"];
const VERIFY = { mode: "lenient", think: "ignore" } as const;

/**
 * The untrained tiny model babbles random tokens, so gold answers are chosen from what it will say:
 * step 1's rollouts depend only on (seed, step, prompt, sample) and the starting weights, so a probe
 * run of one step (every step holds all six prompts) shows them, and each prompt's gold becomes a digit one of its
 * rollouts (and, as a rule, not all) will be verified to contain. That gives rewards with a spread.
 */
async function setup() {
  const model = await tinyModel();
  const dir = mkdtempSync(join(tmpdir(), "oxa-rl-"));
  const base = Array.from({ length: 6 }, (_, i) => ({ id: `q${i}`, query: `What is ${i} + ${i}?`, gold: "123456789" }));
  const probe = writeJsonl(join(dir, "probe.jsonl"), base);
  const r = oxa(["rl", probe, "--model", model, "--out", join(dir, "probe"), ...BASE, "--steps", "1"]);
  assert.equal(r.status, 0, r.stderr);
  const drawn = readJsonl(join(dir, "probe", "rollouts", "step-000001.jsonl"));
  const rows = base.map((row) => {
    const texts = drawn.filter((x) => x.id === row.id).map((x) => x.text);
    const gold = Array.from({ length: 10 }, (_, d) => String(d)).find((g) => texts.some((t) => verify(g, t, VERIFY).correct));
    return { ...row, gold: gold ?? row.gold };
  });
  return { model, dir, rows, prompts: writeJsonl(join(dir, "train.jsonl"), rows), val: writeJsonl(join(dir, "val.jsonl"), rows.slice(0, 3).map((r) => ({ ...r, id: `v${r.id}` }))) };
}

test("oxa rl: rewards are the verifier's verdicts, metrics agree with the files, validation and curves", async () => {
  const { model, dir, rows, prompts, val } = await setup();
  const out = join(dir, "run");
  const r = oxa(["rl", prompts, "--model", model, "--out", out, "--validation", val, "--eval-every", "2", ...BASE]);
  assert.equal(r.status, 0, r.stderr);
  const result = JSON.parse(r.stdout);
  assert.equal(result.steps, 3);
  const gold = new Map(rows.map((x) => [x.id, x.gold]));
  const metrics = readJsonl(join(out, "metrics.jsonl"));
  assert.equal(metrics.length, 3);
  let correct = 0;
  for (const m of metrics) {
    const name = `step-${String(m.step).padStart(6, "0")}`;
    const ro = readJsonl(join(out, "rollouts", `${name}.jsonl`));
    const rw = readJsonl(join(out, "rollouts", `${name}.rewards.jsonl`));
    assert.equal(ro.length, 24);
    const want: number[] = ro.map((x) => (verify(gold.get(x.id)!, x.text, VERIFY).correct ? 1 : 0)); // --overlong none
    assert.deepEqual(rw.map((x) => x.reward), want);
    correct += want.reduce((a, b) => a + b, 0);
    assert.ok(Math.abs(m.reward_mean - want.reduce((a, b) => a + b, 0) / 24) < 1e-12);
    assert.equal(m.truncated, ro.filter((x) => x.finish_reason === "length").length / 24);
    for (const k of ["entropy", "kl", "grad_norm", "rollout_s", "reward_s", "update_s"]) assert.ok(Number.isFinite(m[k]), k);
  }
  assert.equal(result.trainAccuracy, correct / 72);
  assert.ok(correct > 0 && metrics.some((m) => m.reward_std > 0 && m.zero_variance_groups < 1), "the rewards have a spread, so the policy gradient is not zero");
  const v = readJsonl(join(out, "validation.jsonl"));
  assert.deepEqual(v.map((x) => x.step), [0, 2, 3]);
  const schedule = JSON.parse(readFileSync(join(out, "rl-schedule.json"), "utf8"));
  assert.equal(schedule.steps.length, 3);
  assert.ok(readFileSync(join(out, "curves.svg"), "utf8").includes("policy entropy"));
  // no absolute path in what the run writes: the summary's paths are relative to the run directory
  const summary = JSON.parse(readFileSync(join(out, "rl-summary.json"), "utf8"));
  assert.deepEqual([summary.model, summary.out, summary.curves], ["model", ".", "curves.svg"]);
  for (const f of ["rl-summary.json", "curves.svg"]) assert.ok(!readFileSync(join(out, f), "utf8").includes(dir), `${f} names the run's folder`);
  assert.ok(existsSync(join(out, "model", "model.safetensors")));
  const s = oxa(["rl", prompts, "--model", join(out, "model"), "--out", join(dir, "again"), ...BASE, "--steps", "1"]);
  assert.equal(s.status, 0, s.stderr); // the trained model loads and trains again
});

test("oxa rl: stopped after step 2 and resumed equals an uninterrupted run", async () => {
  const { model, dir, prompts } = await setup();
  const full = oxa(["rl", prompts, "--model", model, "--out", join(dir, "full"), ...BASE]);
  assert.equal(full.status, 0, full.stderr);
  const part = oxa(["rl", prompts, "--model", model, "--out", join(dir, "res"), ...BASE, "--stop-after", "2"]);
  assert.equal(part.status, 0, part.stderr);
  assert.equal(JSON.parse(part.stdout).model, null);
  const res = oxa(["rl", prompts, "--model", model, "--out", join(dir, "res"), ...BASE, "--resume"]);
  assert.equal(res.status, 0, res.stderr);
  assert.equal(JSON.parse(res.stdout).resumedFrom, 2);
  const strip = (p: string) => readJsonl(p).map(({ rollout_s, reward_s, update_s, ...m }) => m);
  assert.deepEqual(strip(join(dir, "res", "metrics.jsonl")), strip(join(dir, "full", "metrics.jsonl")));
  assert.deepEqual(readFileSync(join(dir, "res", "model", "model.safetensors")), readFileSync(join(dir, "full", "model", "model.safetensors")));
  assert.ok(readdirSync(join(dir, "res", "checkpoints")).length > 0);
  assert.ok(readJsonl(join(dir, "full", "metrics.jsonl")).some((m) => m.reward_std > 0));
  assert.notDeepEqual(readFileSync(join(dir, "full", "model", "model.safetensors")), readFileSync(join(model, "model.safetensors")));
});

test("oxa rl: bad options fail before any work, naming the fix", async () => {
  const model = await tinyModel();
  const dir = mkdtempSync(join(tmpdir(), "oxa-rl-"));
  const prompts = writeJsonl(join(dir, "train.jsonl"), Array.from({ length: 6 }, (_, i) => ({ id: `q${i}`, query: "q", gold: "1" })));
  const r = oxa(["rl", prompts, "--model", model, "--out", join(dir, "x"), ...BASE, "--prompts-per-step", "7"]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--prompts-per-step 7 is more than the 6 prompts/);
  const e = oxa(["rl", prompts, "--model", model, "--out", join(dir, "y"), ...BASE, "--eval-every", "2"]);
  assert.equal(e.status, 2);
  assert.match(e.stderr, /--eval-every needs --validation/);
  const m = oxa(["rl", prompts, "--model", join(dir, "nope"), "--out", join(dir, "z"), ...BASE]);
  assert.equal(m.status, 2);
});
