// The demo's RL stage as pipeline data: with a preset's `rl` set, one `oxa rl` stage per arm whose
// model is that arm's fine-tune, prompts and validation the world's, verify think `after`, the
// demo's seed, the preset's sizes — each passing `oxa rl`'s own config schema; none without it;
// and `--rl-steps` over a preset (not given / 0 / N).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { camel } from "../../src/common/casing.ts";
import { ARMS, demoPipeline } from "../../src/demo/demo-pipeline.ts";
import { presets } from "../../src/demo/presets.ts";
import { DEMO_RL_THINK, demoRlSizes, presetWithRl, rlStageName } from "../../src/demo/rl-stage.ts";
import { stageConfigs } from "../../src/demo/typed-stage.ts";
import { rlConfig } from "../../src/rl/index.ts";
import { RL_PRESETS } from "../../src/rl/index.ts";

const window = { mu: 2.8, sigma: 0.4, minPpl: 1.1, maxPpl: 7.6, binWidth: 0.08 };
type Stages = Record<string, { uses: string; with: Record<string, unknown>; "on-resume"?: Record<string, unknown> }>;
const stagesOf = (text: string) => (parse(text) as { stages: Stages }).stages;
const options = (s: Stages[string]) => Object.fromEntries(Object.entries(s.with).map(([k, v]) => [camel(k), v]));

test("an rl stage per arm: the arm's model, the world's problems, think after, the demo's seed and the preset's sizes", () => {
  const rl = { steps: 7, promptsPerStep: 5, n: 3, maxNewTokens: 40, lr: 2e-4, evalEvery: 2 };
  for (const seed of [0, 3]) {
    const stages = stagesOf(demoPipeline({ ...presets.tiny, rl }, seed, [seed], window));
    const names = Object.keys(stages).filter((n) => stages[n].uses === "rl");
    assert.deepEqual(names, ["rl-sft", "rl-sft-lp", "rl-oxa-mle", "rl-oxa-full"]);
    for (const arm of ARMS) {
      const s = stages[rlStageName(arm)];
      const o = options(s);
      // the model is the out/model of this arm's own train stage, which the pipeline holds
      const train = `train-${arm.replace(/_/g, "-")}`;
      assert.equal(stages[train].uses, "train");
      assert.equal(o.model, `\${stages.${train}.out}/model`);
      assert.equal(o.prompts, "${stages.world.out}/train.jsonl");
      assert.equal(o.validation, "${stages.world.out}/test.json");
      assert.equal(o.verifyThink, "after");
      assert.equal(o.verifyMode, "strict");
      assert.equal(o.seed, seed);
      assert.deepEqual({ steps: o.steps, promptsPerStep: o.promptsPerStep, n: o.n, maxNewTokens: o.maxNewTokens, lr: o.lr, evalEvery: o.evalEvery }, rl);
      assert.deepEqual(s["on-resume"], { resume: true });
      // what `oxa rl` will run with: its own schema accepts the stage and keeps the demo's think rule
      const parsed = rlConfig.parse({ ...o, resume: true });
      assert.equal(parsed.verifyThink, DEMO_RL_THINK);
      assert.equal(stageConfigs.rl, rlConfig);
    }
  }
});

test("no rl stage without the preset field; the tiny and default presets have none, study has one", () => {
  for (const p of [presets.tiny, presets.default]) {
    assert.equal(p.rl, undefined);
    assert.ok(!Object.values(stagesOf(demoPipeline(p, 0, [0], window))).some((s) => s.uses === "rl"));
  }
  assert.ok(presets.study.rl && presets.study.rl.steps > 0);
});

test("with several run seeds every seed gets its own rl stages, reading that seed's own fine-tuned models", () => {
  const rl = { steps: 2, promptsPerStep: 4, n: 2, maxNewTokens: 16, lr: 1e-4, evalEvery: 1 };
  const stages = stagesOf(demoPipeline({ ...presets.tiny, rl }, 0, [0, 1], window));
  const names = Object.keys(stages).filter((n) => stages[n].uses === "rl");
  assert.deepEqual(names.sort(), ["rl-oxa-full", "rl-oxa-full-s1", "rl-oxa-mle", "rl-oxa-mle-s1", "rl-sft", "rl-sft-lp", "rl-sft-lp-s1", "rl-sft-s1"]);
  assert.equal(options(stages["rl-sft-s1"]).model, "${stages.train-sft-s1.out}/model");
  assert.equal(options(stages["rl-sft-s1"]).seed, 1);
  assert.equal(options(stages["rl-sft"]).model, "${stages.train-sft.out}/model");
  // each seed's arms after GRPO, evaluated as its arms before: same problems, k, cap and seed; the
  // base's buckets from that seed's own pre-RL eval, not re-sampled
  for (const [seed, sfx] of [[0, ""], [1, "-s1"]] as const) {
    const before = options(stages[`eval${sfx}`]);
    const after = options(stages[`eval-rl${sfx}`]);
    assert.equal(stages[`eval-rl${sfx}`].uses, "eval");
    assert.deepEqual(after.model, ["sft", "sft_lp", "oxa_mle", "oxa_full"].map((a) => `${a}=\${stages.rl-${a.replace(/_/g, "-")}${sfx}.out}/model`));
    assert.deepEqual(after.bucketsFrom, [`world=\${stages.eval${sfx}.out}/base/world/details.jsonl`]);
    for (const key of ["bench", "k", "maxNewTokens", "batchSize"]) assert.deepEqual(after[key], before[key], key);
    assert.equal(after.seed, seed);
  }
});

test("no RL stage, no eval-rl stage", () => {
  assert.ok(!("eval-rl" in stagesOf(demoPipeline(presets.tiny, 0, [0], window))));
});

test("--rl-steps: not given keeps the preset's, 0 turns it off, N sets the steps", () => {
  const own = { steps: 9, promptsPerStep: 4, n: 2, maxNewTokens: 30, lr: 1e-3, evalEvery: 3 };
  const p = { ...presets.tiny, rl: own };
  assert.equal(presetWithRl(p, undefined), p);
  assert.equal(presetWithRl(p, 0).rl, undefined);
  assert.deepEqual(presetWithRl(p, 4).rl, { ...own, steps: 4 });
  // a preset without its own: the tiny GRPO preset's sizes, the preset's eval length, ~4 validations
  const t = RL_PRESETS.tiny;
  assert.deepEqual(presetWithRl(presets.tiny, 10).rl, { steps: 10, promptsPerStep: t.promptsPerStep, n: t.n, maxNewTokens: presets.tiny.eval.maxNewTokens, lr: t.lr, evalEvery: 3 });
  assert.deepEqual(demoRlSizes(200, 2), { steps: 2, promptsPerStep: t.promptsPerStep, n: t.n, maxNewTokens: 200, lr: t.lr, evalEvery: 1 });
  assert.equal(demoRlSizes(64, 40).evalEvery, 10);
  assert.equal(presetWithRl(presets.tiny, 0).rl, undefined);
});

test("--rl-steps with --method self-explore is refused before any work", () => {
  const out = join(mkdtempSync(join(tmpdir(), "oxa-demo-rl-")), "x");
  const r = spawnSync(process.execPath, ["bin/oxa.mjs", "demo", "--method", "self-explore", "--rl-steps", "2", "--out", out], { encoding: "utf8", env: { ...process.env, OXA_NO_PROGRESS: "1" } });
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /--rl-steps is for --method oxa/);
});
