// The demo's pipelines are built from each command's typed config; at run time every stage's
// options must still pass that command's schema (references are plain strings until resolved).
import { test } from "node:test";
import assert from "node:assert/strict";
import { parse } from "yaml";
import { camel } from "../../src/common/casing.ts";
import { dataPipeline, demoPipeline } from "../../src/demo/demo-pipeline.ts";
import { presets } from "../../src/demo/presets.ts";
import { stageConfigs, type Uses } from "../../src/demo/typed-stage.ts";

const window = { mu: 2.8, sigma: 0.4, minPpl: 1.1, maxPpl: 7.6, binWidth: 0.08 };

test("every stage of both demo presets passes its command's config schema", () => {
  for (const preset of Object.values(presets)) {
    for (const text of [dataPipeline(preset, 0), demoPipeline(preset, 0, window)]) {
      const { stages } = parse(text) as { stages: Record<string, { uses: Uses; with: Record<string, unknown>; "on-resume"?: Record<string, unknown> }> };
      assert.ok(Object.keys(stages).length >= 6);
      for (const [name, s] of Object.entries(stages)) {
        const options = Object.fromEntries(Object.entries({ ...s.with, ...s["on-resume"] }).map(([k, v]) => [camel(k), v]));
        const r = stageConfigs[s.uses].safeParse(options);
        assert.ok(r.success, `${name} (${s.uses}): ${r.error?.message}`);
      }
    }
  }
});
