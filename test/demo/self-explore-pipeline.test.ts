// The Self-Explore demo's pipeline: every stage passes its command's schema; the stages it shares
// with the OXA demo are the OXA demo's own (same name, same options) where the presets agree, so
// one run directory builds world, base and SFT arm once; the paper's settings reach the stages.
import { test } from "node:test";
import assert from "node:assert/strict";
import { parse } from "yaml";
import { camel } from "../../src/common/casing.ts";
import { demoPipeline } from "../../src/demo/demo-pipeline.ts";
import { presets } from "../../src/demo/presets.ts";
import { selfExplorePipeline, SE_ARMS, seArmStage } from "../../src/demo/self-explore-pipeline.ts";
import { selfExplorePresets } from "../../src/demo/self-explore-presets.ts";
import { stageConfigs, type Uses } from "../../src/demo/typed-stage.ts";

type Stages = Record<string, { uses: Uses; with: Record<string, any>; "on-resume"?: Record<string, unknown> }>;
const stagesOf = (text: string) => (parse(text) as { stages: Stages }).stages;
const window = { mu: 2.8, sigma: 0.4, minPpl: 1.1, maxPpl: 7.6, binWidth: 0.08 };

test("every stage of both Self-Explore presets passes its command's config schema", () => {
  for (const preset of Object.values(selfExplorePresets)) {
    for (const [name, s] of Object.entries(stagesOf(selfExplorePipeline(preset, 0)))) {
      const options = Object.fromEntries(Object.entries({ ...s.with, ...s["on-resume"] }).map(([k, v]) => [camel(k), v]));
      const r = stageConfigs[s.uses].safeParse(options);
      assert.ok(r.success, `${name} (${s.uses}): ${r.error?.message}`);
    }
  }
});

test("tiny: the stages named as the OXA demo's are the OXA demo's, option for option", () => {
  const se = stagesOf(selfExplorePipeline(selfExplorePresets.tiny, 3));
  const oxa = stagesOf(demoPipeline(presets.tiny, 3, [3], window));
  const shared = Object.keys(se).filter((n) => n in oxa);
  assert.deepEqual(shared.sort(), ["base", "data-sft", "init", "pretrain-data", "prompts", "scored", "select-prompts", "select-sft", "train-sft", "verified", "world"]);
  for (const n of shared) assert.deepEqual(se[n], oxa[n], n);
});

test("the paper's settings reach the stages; each arm's model is evaluated", () => {
  for (const preset of Object.values(selfExplorePresets)) {
    const s = stagesOf(selfExplorePipeline(preset, 0));
    assert.equal(s.explore.with.k, 4);
    assert.equal(s.explore.with.temperature, 0.7);
    assert.equal(s.explore.with.model, "${stages.train-rft.out}/model");
    assert.equal(s["se-samples"].with.temperature, 0.7);
    assert.equal(s["se-samples"].with.model, "${stages.train-sft.out}/model");
    assert.equal(s.rft.with["per-problem"], 8);
    // the RFT model starts from the base, not from the SFT model
    assert.equal(s["train-rft"].with.model, "${stages.base.out}/model");
    for (const kind of ["step", "outcome"]) {
      const d = s[`dpo-${kind}`].with;
      assert.equal(d["loss-type"], "sigmoid");
      assert.equal(d.beta, 0.1);
      assert.equal(d.epochs, 3);
      assert.equal(d["warmup-ratio"], 0.1);
      assert.equal(d.model, "${stages.train-rft.out}/model");
      assert.equal(d.reference, undefined, "the reference defaults to the policy's start: the RFT model");
      assert.equal(s[`pairs-${kind}`].with.kinds, kind);
      assert.equal(d.pairs, `\${stages.pairs-${kind}.out}/pairs.jsonl`);
    }
    const models = s["eval-se"].with.model as string[];
    assert.deepEqual(models.map((m) => m.split("=")[0]), ["base", ...SE_ARMS]);
    SE_ARMS.forEach((a, i) => assert.equal(models[i + 1], `${a}=\${stages.${seArmStage[a]}.out}/model`));
    const oxaEval = stagesOf(demoPipeline(preset, 0, [0], window)).eval.with;
    for (const key of ["k", "max-new-tokens", "seed", "buckets-from", "batch-size", "bench"]) assert.deepEqual(s["eval-se"].with[key], oxaEval[key], key);
  }
});
