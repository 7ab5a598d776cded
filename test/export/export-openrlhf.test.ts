// oxa export openrlhf: prompt/label JSONL as OpenRLHF reads it (`--input_key prompt --label_key
// label --apply_chat_template`: a list of chat messages, or a string, under the input key), the same
// seeded split as the verl export, nested gold fields by dotted path, and `datasets` reading it.
// OpenRLHF itself needs GPUs, DeepSpeed and Ray: checked against its documented format.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { splitRows } from "../../src/export/index.ts";
import { REASONING_SUFFIX } from "../../src/mix/index.ts";
import { oxa, readJsonl, writeJsonl } from "../helpers/oxa-cli.ts";

test("export openrlhf: rows {prompt: messages, label}, the verl export's split, dotted gold paths, flags printed", () => {
  const dir = mkdtempSync(join(tmpdir(), "oxa-openrlhf-"));
  const rows = Array.from({ length: 20 }, (_, i) => ({ uid: `p${i}`, problem: `What is ${i}+1?`, reward_model: { ground_truth: i + 1 } }));
  const input = writeJsonl(join(dir, "p.jsonl"), rows);
  const r = oxa(["export", "openrlhf", input, join(dir, "out"), "--query-field", "problem", "--gold-field", "reward_model.ground_truth", "--id-field", "uid", "--test-size", "5", "--seed", "3", "--json"]);
  assert.equal(r.status, 0, r.stderr);
  const res = JSON.parse(r.stdout);
  assert.deepEqual(res.rows, { train: 15, test: 5 });
  assert.match(res.flags, /--input_key prompt --label_key label --apply_chat_template --remote_rm_url http:\/\/127\.0\.0\.1:8000\/score/);
  const split = splitRows(20, 5, 3);
  const want = (i: number) => ({ prompt: [{ role: "user", content: rows[i].problem + REASONING_SUFFIX }], label: String(i + 1), data_source: "oxa/p", source_id: `p${i}` });
  assert.deepEqual(readJsonl(join(dir, "out", "train.jsonl")), split.train.map(want));
  assert.deepEqual(readJsonl(join(dir, "out", "test.jsonl")), split.test.map(want));
  const PY = resolve(".venv-trl/bin/python");
  if (existsSync(PY)) {
    const d = spawnSync(PY, ["-c", "import sys, datasets; ds = datasets.load_dataset('json', data_files=sys.argv[1], split='train'); print(ds.num_rows, ds[0]['prompt'][0]['role'], ds[0]['label'])", join(dir, "out", "train.jsonl")], { encoding: "utf8" });
    assert.equal(d.status, 0, d.stderr);
    assert.match(d.stdout, /^15 user \d+$/m);
  }
});
