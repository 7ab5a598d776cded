// The demo's pipelines are built from each command's typed config; at run time every stage's
// options must still pass that command's schema (references are plain strings until resolved).
// With several run seeds, the world-seeded stages appear once and each seed's stages read only
// their own seed's outputs and the shared ones.
import { test } from "node:test";
import assert from "node:assert/strict";
import { parse } from "yaml";
import { camel } from "../../src/common/casing.ts";
import { dataPipeline, dataStages, demoPipeline, seedStages } from "../../src/demo/demo-pipeline.ts";
import { presets } from "../../src/demo/presets.ts";
import { seedStageName } from "../../src/demo/seed-stages.ts";
import { stageConfigs, type Uses } from "../../src/demo/typed-stage.ts";
import { WORLD_VARIANTS, worldVariantOptions } from "../../src/demo/world-variant.ts";

const window = { mu: 2.8, sigma: 0.4, minPpl: 1.1, maxPpl: 7.6, binWidth: 0.08 };

type Stages = Record<string, { uses: Uses; with: Record<string, unknown>; "on-resume"?: Record<string, unknown> }>;
const stagesOf = (text: string) => (parse(text) as { stages: Stages }).stages;

/** The world options of every variant this build's world stage can make. */
const buildable = WORLD_VARIANTS.flatMap((v) => {
  try {
    return [worldVariantOptions(v)];
  } catch {
    return [];
  }
});

test("every stage of every demo preset passes its command's config schema, one seed or three, every buildable world", () => {
  assert.ok(buildable.length >= 1);
  for (const preset of Object.values(presets)) {
    for (const text of buildable.flatMap((w) => [dataPipeline(preset, 0, w), demoPipeline(preset, 0, [0], window, w), demoPipeline(preset, 0, [0, 1, 2], window, w)])) {
      const stages = stagesOf(text);
      assert.ok(Object.keys(stages).length >= 6);
      for (const [name, s] of Object.entries(stages)) {
        const options = Object.fromEntries(Object.entries({ ...s.with, ...s["on-resume"] }).map(([k, v]) => [camel(k), v]));
        const r = stageConfigs[s.uses].safeParse(options);
        assert.ok(r.success, `${name} (${s.uses}): ${r.error?.message}`);
      }
    }
  }
});

/** Every `${stages.NAME.` a stage refers to. */
const refs = (s: Stages[string]) => [...JSON.stringify(s.with).matchAll(/\$\{stages\.([a-z0-9_-]+)\./g)].map((m) => m[1]);

test("several seeds: shared stages once with the world seed, every other stage once per seed with its own seed and inputs", () => {
  const p = presets.tiny;
  const shared = Object.keys(dataStages(p, 5));
  const perSeed = Object.keys(seedStages(p, 5, window));
  const stages = stagesOf(demoPipeline(p, 5, [5, 6, 9], window));
  const expected = [...shared, ...[5, 6, 9].flatMap((seed) => perSeed.map((n) => seedStageName(n, seed, 5)))];
  assert.deepEqual(Object.keys(stages), expected);
  assert.ok(perSeed.includes("eval") && perSeed.includes("train-oxa-full") && perSeed.includes("rollouts"));
  for (const n of shared) {
    if ("seed" in stages[n].with) assert.equal(stages[n].with.seed, 5, `${n} is seeded by the world seed`);
  }
  for (const seed of [6, 9]) {
    const own = new Set(perSeed.map((n) => `${n}-s${seed}`));
    for (const n of own) {
      const s = stages[n];
      // select-instruct draws with seed + 1 (a stream apart from the arms' selections), as in one-seed runs
      if ("seed" in s.with) assert.equal(s.with.seed, n.startsWith("select-instruct") ? seed + 1 : seed, n);
      for (const r of refs(s)) assert.ok(own.has(r) || shared.includes(r), `${n} reads ${r}`);
    }
    // the same options as the plain-named seed apart from seeds and names
    const plain = stagesOf(demoPipeline(p, seed, [seed], window));
    const strip = (s: Stages[string]) => JSON.parse(JSON.stringify(s).replace(new RegExp(`-s${seed}\\.`, "g"), "."));
    for (const n of perSeed) assert.deepEqual(strip(stages[`${n}-s${seed}`]), plain[n], n);
  }
  // the shared stages read no seed's stages; the world seed's own stages keep their plain names
  for (const n of shared) for (const r of refs(stages[n])) assert.ok(shared.includes(r), `${n} reads ${r}`);
  assert.equal(stages["train-sft"].with.seed, 5);
  assert.equal((stages["eval-s9"].with.model as string[])[1], "sft=${stages.train-sft-s9.out}/model");
});

test("one seed: the pipeline of a demo without --seeds (the world seed's stages under their plain names)", () => {
  const one = stagesOf(demoPipeline(presets.default, 2, [2], window));
  assert.deepEqual(Object.keys(one), [...Object.keys(dataStages(presets.default, 2)), ...Object.keys(seedStages(presets.default, 2, window))]);
  assert.ok(!Object.keys(one).some((n) => /-s\d+$/.test(n)));
});
