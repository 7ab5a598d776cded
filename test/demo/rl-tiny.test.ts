// The demo's RL stage for real: a tiny world and two tiny models (standing in for two fine-tuned
// arms) through the stages rl-stage.ts builds, run by the ordinary pipeline runner with oxa's own
// commands, 2 GRPO steps each; then the demo's read-back (results.json numbers, the report's RL
// section, rl-curves.svg). Rewards and validation Pass@1 are checked against the verifier run here
// with the demo's rule (strict, think after), metrics against the rollouts files.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { commands } from "../../src/cli/commands/index.ts";
import { nullProgress } from "../../src/io/progress.ts";
import { writeFileAtomic } from "../../src/io/atomic.ts";
import { runPipeline } from "../../src/pipeline/index.ts";
import { htmlPage } from "../../src/report/html-page.ts";
import { verify } from "../../src/verify/index.ts";
import { out } from "../../src/demo/demo-pipeline.ts";
import { presets } from "../../src/demo/presets.ts";
import { DEMO_RL_THINK, rlStageName, rlStages } from "../../src/demo/rl-stage.ts";
import { demoRlOutcome } from "../../src/demo/rl-outcome.ts";
import { readArmRuns } from "../../src/demo/rl-results.ts";
import { studyRlSvg } from "../../src/demo/study-rl-chart.ts";
import { stage } from "../../src/demo/typed-stage.ts";
import { readJsonl } from "../helpers/oxa-cli.ts";

const ARMS = ["sft", "oxa_mle"];
const RULE = { mode: "strict", think: DEMO_RL_THINK } as const;
const RL = { steps: 2, promptsPerStep: 4, n: 4, maxNewTokens: 24, lr: 1e-3, evalEvery: 1 };
const SEED = 5;

test("demo RL stage: two arms, 2 GRPO steps each, through the pipeline runner; rewards are the verifier's", async () => {
  const t0 = Date.now();
  const root = mkdtempSync(join(tmpdir(), "oxa-demo-rl-tiny-"));
  const runDir = join(root, "pipeline");
  const w = presets.tiny.world;
  const m = presets.tiny.model;
  const model = (seed: number) =>
    stage("make-tiny-model", "an untrained tiny model", { out: "${out}", corpus: out("world", "tokenizer.txt"), seed, vocabSize: m.vocabSize, hiddenSize: m.hiddenSize, intermediateSize: m.intermediateSize, layers: m.layers, heads: m.heads, kvHeads: m.kvHeads });
  const stages = {
    world: stage("world", "a tiny world", { out: "${out}", seed: 0, nTrain: 40, nTest: 8, nPretrain: 100, maxLevel: w.maxLevel, pretrainOtherShare: 0 }),
    "model-a": model(1),
    "model-b": model(2),
    ...rlStages(RL, SEED, { prompts: out("world", "train.jsonl"), validation: out("world", "test.json"), models: { sft: out("model-a"), oxa_mle: out("model-b") } }),
  };
  const ctx = { json: false, log: () => {}, progress: () => nullProgress };
  const report = await runPipeline({ file: "rl-tiny.yaml", source: stringify({ stages }), out: runDir, commands, ctx });
  assert.ok(report.ok, JSON.stringify(report.stages.filter((s) => s.status === "failed")));
  assert.deepEqual(report.stages.filter((s) => s.uses === "rl").map((s) => [s.name, s.status]), [["rl-sft", "ran"], ["rl-oxa-mle", "ran"]]);

  const gold = new Map<string, string>();
  for (const r of readJsonl(join(runDir, "world", "out", "train.jsonl"))) gold.set(r.id, r.gold);
  const testGold = new Map<string, string>(JSON.parse(readFileSync(join(runDir, "world", "out", "test.json"), "utf8")).map((r: any) => [r.id, r.answer]));
  const schedules: string[] = [];
  const texts: string[][] = [];
  for (const arm of ARMS) {
    const dir = join(runDir, rlStageName(arm), "out");
    // the stage ran on this arm's model, with the demo's seed and think rule
    const manifest = JSON.parse(readFileSync(join(runDir, rlStageName(arm), "manifest.json"), "utf8"));
    assert.equal(manifest.params.verifyThink ?? manifest.params["verify-think"], "after");
    assert.equal(manifest.params.seed, SEED);
    assert.equal(manifest.params.model, `<run>/${arm === "sft" ? "model-a" : "model-b"}/out`);
    const metrics = readJsonl(join(dir, "metrics.jsonl"));
    assert.deepEqual(metrics.map((x) => x.step), [1, 2]);
    const armTexts: string[] = [];
    for (const mrow of metrics) {
      const name = `step-${String(mrow.step).padStart(6, "0")}`;
      const ro = readJsonl(join(dir, "rollouts", `${name}.jsonl`));
      const rw = readJsonl(join(dir, "rollouts", `${name}.rewards.jsonl`));
      assert.equal(ro.length, RL.promptsPerStep * RL.n);
      // overlong rollouts get 0 (oxa rl's default), the rest the verifier's verdict under the demo's rule
      const want: number[] = ro.map((x) => (x.finish_reason === "length" ? 0 : verify(gold.get(x.id)!, x.text, RULE).correct ? 1 : 0));
      assert.deepEqual(rw.map((x) => x.reward), want);
      assert.ok(Math.abs(mrow.reward_mean - want.reduce((a, b) => a + b, 0) / want.length) < 1e-12);
      assert.ok(Number.isFinite(mrow.entropy) && mrow.entropy > 0);
      armTexts.push(...ro.map((x) => x.text));
    }
    texts.push(armTexts);
    const val = readJsonl(join(dir, "validation.jsonl"));
    assert.deepEqual(val.map((v) => v.step), [0, 1, 2]);
    for (const v of val) {
      const ro = readJsonl(join(dir, "rollouts", `validation-${String(v.step).padStart(6, "0")}.jsonl`));
      assert.equal(ro.length, testGold.size);
      const p1 = ro.filter((x) => verify(testGold.get(x.id)!, x.text, RULE).correct).length / ro.length;
      assert.equal(v.pass_at_1, p1);
    }
    schedules.push(readFileSync(join(dir, "rl-schedule.json"), "utf8"));
    assert.ok(existsSync(join(dir, "model", "model.safetensors")));
  }
  // one seed: both arms see the same prompts at every step; their rollouts differ because their models do
  assert.equal(schedules[0], schedules[1]);
  assert.notDeepEqual(texts[0], texts[1]);

  // the demo's read-back: results.json numbers from the rows, the section added to the report
  const top = join(root, "demo");
  mkdirSync(top);
  writeFileAtomic(join(top, "report.html"), htmlPage({ title: "demo", subtitle: "", meta: [], sections: ["<h2>eval</h2>"] }));
  const rl = await demoRlOutcome(runDir, top, ARMS);
  assert.deepEqual(Object.keys(rl), ARMS);
  for (const arm of ARMS) {
    const dir = join(runDir, rlStageName(arm), "out");
    const metrics = readJsonl(join(dir, "metrics.jsonl"));
    const val = readJsonl(join(dir, "validation.jsonl"));
    assert.deepEqual(rl[arm], {
      steps: 2,
      curves: {
        pass_at_1: { first: { step: 0, value: val[0].pass_at_1 }, last: { step: 2, value: val[2].pass_at_1 } },
        entropy: { first: { step: 1, value: metrics[0].entropy }, last: { step: 2, value: metrics[1].entropy } },
        reward_mean: { first: { step: 1, value: metrics[0].reward_mean }, last: { step: 2, value: metrics[1].reward_mean } },
      },
    });
  }
  const html = readFileSync(join(top, "report.html"), "utf8");
  assert.ok(html.indexOf("<h2>eval</h2>") < html.indexOf("RL stage: GRPO from each arm"));
  assert.ok(readFileSync(join(top, "rl-curves.svg"), "utf8").includes("policy entropy"));
  assert.ok(readdirSync(top).includes("rl-curves.svg"));
  // the study's picture (every seed; one here) drawn from the same runs: a seed line and a mean per arm and panel
  const runs = await readArmRuns(runDir, ARMS);
  const svg = studyRlSvg([{ name: "control", arms: runs.map((r) => ({ name: r.name, seeds: [r] })) }], "GRPO");
  assert.equal((svg.match(/class="faint"/g) ?? []).length, ARMS.length * 3);
  assert.equal((svg.match(/<polyline /g) ?? []).length, 2 * ARMS.length * 3);
  console.log(`demo RL tiny run: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
});
