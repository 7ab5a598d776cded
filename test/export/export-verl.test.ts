// oxa export verl: the parquet read back by pyarrow equals, row for row, rows built here from the
// input by hand; the split is seeded and complete; the launch script's every key composes into
// verl's own config with the paper's values; verl's RLHFDataset loads the export.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { runExportVerl, exportConfig, REWARD_MODULE } from "../../src/export/index.ts";
import { InputError } from "../../src/io/errors.ts";
import { oxa, writeJsonl } from "../helpers/oxa-cli.ts";
import { tinyModel } from "../helpers/tiny-model.ts";
import { verlPython, warnIfNoVerl } from "./verl-venv.ts";

const PY = resolve("engine/.venv/bin/python");
const dir = mkdtempSync(join(tmpdir(), "oxa-export-"));
const skipVerl = warnIfNoVerl();
// the paper's instruction, spelled out here rather than imported: the test must fail if mix's changes
const SUFFIX =
  "\nLet's reason step by step. Enclose the reasoning process within <think>...</think>, then summarize it and present the final answer within \\boxed{} — for example: <think>reasoning process here</think> \\boxed{answer here}.";

// 23 rows: string and numeric gold answers, string and numeric ids, some without an id
const input = Array.from({ length: 23 }, (_, i) => {
  const row: Record<string, unknown> = { problem: `What is ${i} + ${i + 1}? (ü, 東)`, answer: i % 3 === 0 ? 2 * i + 1 : `${2 * i + 1}` };
  if (i % 4 !== 1) row.uid = i % 2 ? i * 10 : `q-${i}`;
  return row;
});
const inputFile = writeJsonl(join(dir, "problems.jsonl"), input);

function readParquet(path: string): Record<string, any>[] {
  const r = spawnSync(PY, ["-c", "import sys, json, pyarrow.parquet as pq; print(json.dumps(pq.read_table(sys.argv[1]).to_pylist()))", path], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

function parquetSchema(path: string): string {
  const r = spawnSync(PY, ["-c", "import sys, pyarrow.parquet as pq; print(pq.read_schema(sys.argv[1]).to_string(show_schema_metadata=False))", path], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

const config = (over: Record<string, unknown>) => exportConfig.parse({ target: "verl", input: inputFile, queryField: "problem", goldField: "answer", idField: "uid", ...over });

test("rows read back by pyarrow equal rows built by hand; the split is seeded, complete and in input order", async () => {
  const out = join(dir, "a");
  const r = await runExportVerl(config({ out, testSize: 5, seed: 3 }));
  assert.deepEqual(r.rows, { train: 18, test: 5 });
  assert.equal(r.dataSource, "oxa/problems");
  assert.equal(
    parquetSchema(r.train).trim(),
    [
      "data_source: string",
      "prompt: list<element: struct<role: string, content: string>>",
      "  child 0, element: struct<role: string, content: string>",
      "      child 0, role: string",
      "      child 1, content: string",
      "ability: string",
      "reward_model: struct<style: string, ground_truth: string>",
      "  child 0, style: string",
      "  child 1, ground_truth: string",
      "extra_info: struct<index: int64, split: string, source_id: string>",
      "  child 0, index: int64",
      "  child 1, split: string",
      "  child 2, source_id: string",
    ].join("\n"),
  );
  const train = readParquet(r.train);
  const test = readParquet(r.test);
  // each exported row names its source by content; rebuild the expected row from the input row
  const byQuery = new Map(input.map((row, i) => [row.problem as string, i]));
  const seen: number[] = [];
  for (const [split, rows] of [["train", train], ["test", test]] as const) {
    let last = -1;
    rows.forEach((row, k) => {
      const content: string = row.prompt[0].content;
      const i = byQuery.get(content.slice(0, content.length - SUFFIX.length))!;
      assert.ok(i !== undefined && i > last, `${split} row ${k} is in input order`);
      last = i;
      seen.push(i);
      const src = input[i];
      assert.deepEqual(row, {
        data_source: "oxa/problems",
        prompt: [{ role: "user", content: `${src.problem}${SUFFIX}` }],
        ability: "math",
        reward_model: { style: "rule", ground_truth: String(src.answer) },
        extra_info: { index: k, split, source_id: src.uid === undefined ? null : String(src.uid) },
      });
    });
  }
  assert.deepEqual(seen.sort((a, b) => a - b), input.map((_, i) => i));

  // the same seed writes the same bytes; another seed another split
  const again = await runExportVerl(config({ out: join(dir, "a2"), testSize: 5, seed: 3 }));
  assert.deepEqual(readFileSync(again.train), readFileSync(r.train));
  assert.deepEqual(readFileSync(again.test), readFileSync(r.test));
  const other = await runExportVerl(config({ out: join(dir, "a3"), testSize: 5, seed: 4 }));
  assert.notDeepEqual(readParquet(other.test).map((x) => x.prompt[0].content), test.map((x) => x.prompt[0].content));
});

test("a fraction test size, a system prompt, no suffix, a named data_source", async () => {
  const r = await runExportVerl(config({ out: join(dir, "b"), testSize: 0.25, suffix: "", systemPrompt: "Be brief.", name: "world" }));
  assert.deepEqual(r.rows, { train: 17, test: 6 }); // round(0.25 × 23) = 6
  const row = readParquet(r.test)[0];
  assert.equal(row.data_source, "oxa/world");
  assert.deepEqual(row.prompt.map((m: any) => m.role), ["system", "user"]);
  assert.equal(row.prompt[0].content, "Be brief.");
  assert.ok(input.some((x) => x.problem === row.prompt[1].content));
  const direct = await runExportVerl(config({ out: join(dir, "b2"), testSize: 0, dataSource: "openai/gsm8k" }));
  assert.deepEqual(direct.rows, { train: 23, test: 0 });
  assert.equal(readParquet(direct.train)[0].data_source, "openai/gsm8k");
  assert.deepEqual(readParquet(direct.test), []);
});

test("bad input names file, line and field; nothing is written", async () => {
  const bad = writeJsonl(join(dir, "bad.jsonl"), [{ problem: "1+1?", answer: "2" }, { problem: "2+2?", answer: " " }]);
  const out = join(dir, "never");
  await assert.rejects(runExportVerl(config({ input: bad, out })), (e: Error) => e instanceof InputError && e.message === `${bad}, line 2, field "answer": empty gold answer`);
  const missing = writeJsonl(join(dir, "missing.jsonl"), [{ question: "1+1?", answer: "2" }]);
  await assert.rejects(runExportVerl(config({ input: missing, out })), (e: Error) => e instanceof InputError && e.message === `${missing}, line 1, field "problem": missing field`);
  assert.throws(() => statSync(join(out, "train.parquet")));
  await assert.rejects(runExportVerl(config({ out, testSize: 24 })), /more than the 23 rows/);
});

test("the CLI: oxa export verl writes the three files, the script executable; the output guard refuses the input as an output", () => {
  const out = join(dir, "cli");
  const r = oxa(["export", "verl", inputFile, out, "--query-field", "problem", "--gold-field", "answer", "--test-size", "3", "--json"]);
  assert.equal(r.status, 0, r.stderr);
  const res = JSON.parse(r.stdout);
  assert.deepEqual(res.rows, { train: 20, test: 3 });
  assert.ok(statSync(res.launchScript).mode & 0o100);
  const clash = oxa(["export", "verl", inputFile, out, "--query-field", "problem", "--gold-field", "answer", "--launch-script", inputFile]);
  assert.equal(clash.status, 2);
  assert.match(clash.stderr, /--launch-script/);
});

// the paper's values as the issue states them, written out here independently of verl-grpo.ts
const PAPER: Record<string, unknown> = {
  "algorithm.adv_estimator": "grpo",
  "algorithm.norm_adv_by_std_in_grpo": true,
  "algorithm.use_kl_in_reward": false,
  "data.train_batch_size": 64,
  "data.max_response_length": 16384,
  "actor_rollout_ref.rollout.n": 8,
  "actor_rollout_ref.rollout.temperature": 0.85,
  "actor_rollout_ref.rollout.top_p": 1,
  "actor_rollout_ref.actor.optim.lr": 2e-6,
  "actor_rollout_ref.actor.optim.lr_warmup_steps_ratio": 0,
  "actor_rollout_ref.actor.optim.lr_scheduler_type": "constant",
  "actor_rollout_ref.actor.optim.weight_decay": 0.01,
  "actor_rollout_ref.actor.grad_clip": 1,
  "actor_rollout_ref.actor.ppo_mini_batch_size": 64,
  "actor_rollout_ref.actor.ppo_epochs": 1,
  "actor_rollout_ref.actor.use_kl_loss": true,
  "actor_rollout_ref.actor.kl_loss_coef": 0.001,
  "actor_rollout_ref.actor.kl_loss_type": "low_var_kl",
  "actor_rollout_ref.actor.entropy_coeff": 0,
  "actor_rollout_ref.actor.clip_ratio_low": 0.2,
  "actor_rollout_ref.actor.clip_ratio_high": 0.2,
  "actor_rollout_ref.actor.loss_agg_mode": "token-mean",
  "reward.custom_reward_function.name": "compute_score",
};

test("the launch script composes into verl's own config (every key exists) with the paper's values and the user's paths", { skip: skipVerl }, async () => {
  const out = join(dir, "launch");
  const r = await runExportVerl(config({ out, testSize: 3, model: "/models/it's here" }));
  // a `python3` on PATH that composes verl's Hydra config from the script's arguments
  const shim = join(dir, "shim");
  mkdirSync(shim, { recursive: true });
  writeFileSync(join(shim, "python3"), `#!/bin/sh\nexec '${verlPython()}' '${resolve("test/export/verl_compose.py")}' "$@"\n`);
  chmodSync(join(shim, "python3"), 0o755);
  const env = { ...process.env, PATH: `${shim}:${process.env.PATH}`, N_GPUS: "4", OXA_REWARD_URL: "http://10.0.0.5:9000" };
  const run = spawnSync("bash", [r.launchScript], { env, encoding: "utf8", timeout: 120_000 });
  assert.equal(run.status, 0, run.stderr);
  const got = JSON.parse(run.stdout.trim().split("\n").pop()!);
  for (const [k, v] of Object.entries(PAPER)) assert.equal(got[k], v, k);
  assert.equal(got["actor_rollout_ref.model.path"], "/models/it's here");
  assert.equal(got["data.train_files"], resolve(r.train));
  assert.equal(got["data.val_files"], resolve(r.test));
  assert.equal(got["reward.custom_reward_function.path"], REWARD_MODULE);
  assert.equal(got["trainer.n_gpus_per_node"], 4);
  // a key verl does not have fails the same way (the check can fail)
  const wrong = spawnSync("bash", [r.launchScript, "actor_rollout_ref.actor.no_such_key=1"], { env, encoding: "utf8", timeout: 120_000 });
  assert.notEqual(wrong.status, 0);
  assert.match(wrong.stderr, /no_such_key/);
});

test("verl's RLHFDataset loads the exported parquet with a tiny model's tokenizer", { skip: skipVerl }, async () => {
  const model = await tinyModel();
  const r = await runExportVerl(config({ out: join(dir, "ds"), testSize: 3 }));
  const run = spawnSync(verlPython()!, [resolve("test/export/verl_dataset.py"), r.train, model, join(dir, "ds-cache")], { encoding: "utf8", timeout: 180_000 });
  assert.equal(run.status, 0, run.stderr);
  const got = JSON.parse(run.stdout.trim().split("\n").pop()!);
  const rows = readParquet(r.train);
  assert.equal(got.len, rows.length);
  got.items.forEach((it: any, k: number) => {
    assert.equal(it.data_source, rows[k].data_source);
    assert.equal(it.ground_truth, rows[k].reward_model.ground_truth);
    assert.equal(it.index, k);
    assert.deepEqual(it.raw_prompt, rows[k].prompt);
  });
});

test("without verl too: the script's own lines carry the paper's values, and bash passes them as one word each", async () => {
  const r = await runExportVerl(config({ out: join(dir, "plain"), testSize: 2, model: "/m odel" }));
  // a `python3` that prints its arguments, one per line
  const shim = join(dir, "echo-shim");
  mkdirSync(shim, { recursive: true });
  writeFileSync(join(shim, "python3"), `#!/bin/sh\nfor a in "$@"; do printf '%s\\n' "$a"; done\n`);
  chmodSync(join(shim, "python3"), 0o755);
  const run = spawnSync("bash", [r.launchScript, "trainer.total_epochs=2"], { env: { ...process.env, PATH: `${shim}:${process.env.PATH}` }, encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  const args = run.stdout.trim().split("\n");
  assert.deepEqual(args.slice(0, 2), ["-m", "verl.trainer.main_ppo"]);
  const kv = new Map(args.slice(2).map((a) => [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)]));
  for (const [k, v] of Object.entries(PAPER)) assert.equal(Number.isNaN(Number(kv.get(k))) ? kv.get(k) : Number(kv.get(k)), typeof v === "boolean" ? (v ? "True" : "False") : v, k);
  assert.equal(kv.get("actor_rollout_ref.model.path"), "'/m odel'");
  assert.equal(kv.get("trainer.total_epochs"), "2");
});
