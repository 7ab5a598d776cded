// oxa pairs' DPO exports run through TRL's own DPOTrainer: the standard file (--trl: prompt, chosen,
// rejected strings, the prompt already in the chat template) and the conversational one (--messages)
// load with datasets.load_dataset and train one step on the tiny model. For a fresh policy equal to its
// reference the DPO loss is exactly ln 2 (the log-ratio margin is 0): the step's loss is checked
// against that, independently of TRL.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { oxa, readJsonl, writeJsonl } from "../helpers/oxa-cli.ts";
import { tinyModel } from "../helpers/tiny-model.ts";

const PY = resolve(".venv-trl/bin/python");
const skip = !existsSync(PY) && "needs .venv-trl (scripts/setup-trl.sh installs TRL and datasets)";

const QP = "Pat has 3 bags of 4 apples. How many apples?";
const STEPS = ["Pat has 3 bags.\n", "Each bag has 5 apples, so 3 * 5 = 15.\n", "#### 15"];
const c = (text: string, correct: boolean) => ({ text, correct, finish_reason: "stop" });
const explored = ["r1", "r2"].map((id, i) => ({
  id,
  problem_id: "P",
  prompt: QP,
  rationale: STEPS.join(""),
  steps: STEPS,
  pit: 2,
  explored: [
    { step: 1, completions: [c(i ? "3*4=12\n#### 12" : "Each bag has 4 apples, so 3 * 4 = 12.\n#### 12", true)] },
    { step: 2, completions: [c("#### 15", false)] },
  ],
}));

test("TRL's DPOTrainer runs a step on oxa pairs --trl (standard) and --messages (conversational)", { skip }, async () => {
  const model = await tinyModel();
  const dir = mkdtempSync(join(tmpdir(), "oxa-dpo-trl-"));
  const ex = writeJsonl(join(dir, "explored.jsonl"), explored);
  const r = oxa(["pairs", ex, join(dir, "pairs.jsonl"), "--kinds", "step", "--trl", join(dir, "trl.jsonl"), "--messages", join(dir, "m.jsonl"), "--model", model]);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(readJsonl(join(dir, "pairs.jsonl")).length, 2);
  const py = spawnSync(PY, [resolve("test/interop/dpo_trl_step.py"), model, join(dir, "out"), join(dir, "trl.jsonl"), join(dir, "m.jsonl")], {
    encoding: "utf8",
    timeout: 400_000,
    env: { ...process.env, HF_DATASETS_CACHE: join(dir, "hf") },
  });
  assert.equal(py.status, 0, py.stderr.slice(-3000));
  const got = py.stdout.trim().split("\n").filter((l) => l.startsWith('{"file"')).map((l) => JSON.parse(l));
  assert.deepEqual(got.map((g) => [g.file, g.rows, g.columns]), [
    ["trl.jsonl", 2, ["chosen", "prompt", "rejected"]],
    ["m.jsonl", 2, ["chosen", "prompt", "rejected"]],
  ]);
  for (const g of got) {
    assert.ok(Math.abs(g.loss - Math.LN2) < 1e-4, `${g.file}: loss ${g.loss} vs ln 2 (policy = reference)`);
    assert.ok(String(g.prompt).includes(QP), `${g.file}: the question is in TRL's prompt tokens (${JSON.stringify(g)})`);
  }
});
