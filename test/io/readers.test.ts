// The shared readers on the input real files have: a UTF-8 byte-order mark is skipped, bytes that
// are not UTF-8 are an error naming line and byte offset, a directory or a truncated Parquet file is
// a clear message, and an ordinary Parquet file written by pyarrow (int64 columns) reads as numbers.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readRecords } from "../../src/io/records.ts";
import { InputError } from "../../src/io/errors.ts";
import { oxa, readJsonl } from "../helpers/oxa-cli.ts";

const dir = mkdtempSync(join(tmpdir(), "oxa-readers-"));
const all = async (path: string) => {
  const rows = [];
  for await (const r of readRecords(path)) rows.push(r.row);
  return rows;
};
const row = { query: "q", response: "r", ppl: 2, len: 5, correct: true };

test("a byte-order mark is skipped in JSONL and JSON; the rows read as without it", async () => {
  const bom = Buffer.from([0xef, 0xbb, 0xbf]);
  writeFileSync(join(dir, "bom.jsonl"), Buffer.concat([bom, Buffer.from(JSON.stringify(row) + "\n")]));
  writeFileSync(join(dir, "bom.json"), Buffer.concat([bom, Buffer.from(JSON.stringify([row]))]));
  assert.deepEqual(await all(join(dir, "bom.jsonl")), [row]);
  assert.deepEqual(await all(join(dir, "bom.json")), [row]);
  const out = join(dir, "bom-sel.jsonl");
  const r = oxa(["select", join(dir, "bom.jsonl"), out, "--n", "1", "--strategy", "random"]);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(readJsonl(out), [row]);
});

test("bytes that are not UTF-8 are refused naming the line and byte offset, never replaced", async () => {
  const good = Buffer.from(JSON.stringify(row) + "\n");
  const bad = Buffer.concat([Buffer.from('{"query":"caf'), Buffer.from([0xe9]), Buffer.from('","response":"r","ppl":2,"len":5,"correct":true}\n')]);
  const file = join(dir, "latin1.jsonl");
  writeFileSync(file, Buffer.concat([good, bad]));
  await assert.rejects(all(file), (e: Error) => e instanceof InputError && /latin1\.jsonl, line 2: not valid UTF-8 \(byte offset \d+\)/.test(e.message) && e.message.includes(`byte offset ${good.length + 13}`));
  for (const args of [["select", file, join(dir, "s.jsonl"), "--n", "2", "--strategy", "random"], ["verify", file, join(dir, "v.jsonl"), "--gold-field", "query"]]) {
    const r = oxa(args);
    assert.equal(r.status, 2, `${args[0]}: ${r.stderr}`);
    assert.match(r.stderr, /line 2: not valid UTF-8/);
  }
  writeFileSync(join(dir, "latin1.json"), Buffer.concat([Buffer.from("["), bad.subarray(0, bad.length - 1), Buffer.from("]")]));
  await assert.rejects(all(join(dir, "latin1.json")), /not valid UTF-8/);
});

test("a directory given as the input file is one line naming it", () => {
  mkdirSync(join(dir, "data.jsonl"));
  const r = oxa(["select", join(dir, "data.jsonl"), join(dir, "o.jsonl"), "--n", "1", "--strategy", "random"]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--input .*data\.jsonl is a directory; name a file/);
});

const py = "engine/.venv/bin/python";
const pyarrow = spawnSync(py, ["-c", "import pyarrow"]).status === 0;

test("an ordinary Parquet file (int64 and nested list columns, written by pyarrow) reads as numbers; a truncated one is a clear error", { skip: !pyarrow && "pyarrow is not in engine/.venv (scripts/setup.sh installs engine/requirements-test.txt)" }, async () => {
  const file = join(dir, "teacher.parquet");
  const script = `
import pyarrow as pa, pyarrow.parquet as pq, sys
t = pa.table({"query": ["q1", "q2"], "response": ["a", "b"], "ppl": [1.5, 2.5], "len": pa.array([7, 9], pa.int64()),
              "correct": [True, False], "lens": pa.array([[1, 2], [3]], pa.list_(pa.int64()))})
pq.write_table(t, sys.argv[1])`;
  const w = spawnSync(py, ["-c", script, file], { encoding: "utf8" });
  assert.equal(w.status, 0, w.stderr);
  const rows = await all(file);
  assert.deepEqual(rows[0], { query: "q1", response: "a", ppl: 1.5, len: 7, correct: true, lens: [1, 2] });
  const out = join(dir, "pq-sel.jsonl");
  const r = oxa(["select", file, out, "--n", "2", "--strategy", "lowest-ppl", "--per-query", "1"]);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(readJsonl(out).map((x) => x.len).sort(), [7, 9]);
  const mixed = join(dir, "pq-mix.jsonl");
  assert.equal(oxa(["mix", "--ce", file, "--out", mixed]).status, 0);
  const bytes = readFileSync(file);
  writeFileSync(join(dir, "cut.parquet"), bytes.subarray(0, bytes.length - 20));
  await assert.rejects(all(join(dir, "cut.parquet")), (e: Error) => e instanceof InputError && /cut\.parquet: not a readable Parquet file/.test(e.message));
});

test("a Parquet file of many row groups (the grouped teacher shape: lists per query) streams row group by row group, in order, and selects as its JSONL twin", { skip: !pyarrow && "pyarrow is not in engine/.venv" }, async () => {
  const file = join(dir, "groups.parquet");
  const jsonl = join(dir, "groups.jsonl");
  const script = `
import json, pyarrow as pa, pyarrow.parquet as pq, sys
rows = [{"query": f"q{i}", "responses": [f"r{i}-{k}" for k in range(i % 4 + 1)],
         "ppls": [1.0 + ((i * 7 + k) % 40) / 10 for k in range(i % 4 + 1)],
         "lengths": [10 + i + k for k in range(i % 4 + 1)],
         "verdicts": [(i + k) % 3 != 0 for k in range(i % 4 + 1)]} for i in range(1000)]
pq.write_table(pa.Table.from_pylist(rows), sys.argv[1], row_group_size=64)
assert pq.ParquetFile(sys.argv[1]).num_row_groups == 16
open(sys.argv[2], "w").write("".join(json.dumps(r) + "\\n" for r in rows))`;
  const w = spawnSync(py, ["-c", script, file, jsonl], { encoding: "utf8" });
  assert.equal(w.status, 0, w.stderr);
  const rows = await all(file);
  assert.deepEqual(rows, readJsonl(jsonl));
  const flags = ["--responses-field", "responses", "--ppl-field", "ppls", "--length-field", "lengths", "--correct-field", "verdicts", "--n", "300", "--seed", "5"];
  const a = oxa(["select", file, join(dir, "g-pq.jsonl"), ...flags]);
  const b = oxa(["select", jsonl, join(dir, "g-jl.jsonl"), ...flags]);
  assert.equal(a.status, 0, a.stderr);
  assert.equal(b.status, 0, b.stderr);
  assert.deepEqual(readFileSync(join(dir, "g-pq.jsonl")), readFileSync(join(dir, "g-jl.jsonl")));
});
