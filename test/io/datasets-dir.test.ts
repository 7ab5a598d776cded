// A `datasets` save_to_disk directory, made by the real `datasets` library, reads as the same rows
// as the list it was made from; a DatasetDict asks for a split; select reads it like any file.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { readRecords } from "../../src/io/records.ts";
import { oxa, readJsonl } from "../helpers/oxa-cli.ts";

// `datasets` lives in the TRL test venv (scripts/setup-trl.sh), not in the engine's
const PY = resolve(".venv-trl/bin/python");
const skip = !existsSync(PY) && "needs .venv-trl (scripts/setup-trl.sh installs TRL and datasets)";

test("a save_to_disk directory (lists, structs, int64) reads as the rows it was made from, and selects", { skip }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "oxa-datasets-"));
  const script = `
import json, sys, datasets
rows = [{"query": f"q{i}", "responses": [f"r{i}-{k}" for k in range(i % 3 + 1)], "ppls": [1.0 + (i + k) % 9 / 4 for k in range(i % 3 + 1)],
         "lengths": [10 * i + k for k in range(i % 3 + 1)], "meta": {"source": "s" + str(i % 2), "n": i}} for i in range(500)]
ds = datasets.Dataset.from_list(rows)
ds.save_to_disk(sys.argv[1] + "/one", max_shard_size="20KB")
datasets.DatasetDict({"train": ds, "test": ds.select(range(5))}).save_to_disk(sys.argv[1] + "/dict")
open(sys.argv[1] + "/rows.jsonl", "w").write("".join(json.dumps(r) + "\\n" for r in rows))`;
  const w = spawnSync(PY, ["-c", script, dir], { encoding: "utf8" });
  assert.equal(w.status, 0, w.stderr);
  const got: unknown[] = [];
  for await (const r of readRecords(join(dir, "one"))) got.push(r.row);
  assert.deepEqual(got, readJsonl(join(dir, "rows.jsonl")));
  const flags = ["--responses-field", "responses", "--ppl-field", "ppls", "--length-field", "lengths", "--n", "100", "--seed", "2"];
  const a = oxa(["select", join(dir, "one"), join(dir, "a.jsonl"), ...flags]);
  assert.equal(a.status, 0, a.stderr);
  const b = oxa(["select", join(dir, "rows.jsonl"), join(dir, "b.jsonl"), ...flags]);
  assert.equal(b.status, 0, b.stderr);
  assert.deepEqual(readJsonl(join(dir, "a.jsonl")), readJsonl(join(dir, "b.jsonl")));
  const d = oxa(["select", join(dir, "dict"), join(dir, "c.jsonl"), ...flags]);
  assert.equal(d.status, 2);
  assert.match(d.stderr, /a DatasetDict: name one split's folder \(.*dict\/train, .*dict\/test\)/);
  const t = oxa(["select", join(dir, "dict", "test"), join(dir, "t.jsonl"), ...flags]);
  assert.equal(t.status, 0, t.stderr);
});
