// Parquet outputs: each command's main output written as Parquet reads back (oxa convert) as the same
// JSONL bytes the JSONL run wrote; JSONL -> Parquet -> JSONL is byte-identical; two runs on different
// inputs write the same Parquet schema; `datasets.load_dataset` reads every Parquet file with the
// JSONL's rows (the other fields unpacked from their JSON column).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { oxa, readJsonl, writeJsonl } from "../helpers/oxa-cli.ts";

const PY = resolve(".venv-trl/bin/python");
const noPy = !existsSync(PY) && "needs .venv-trl (scripts/setup-trl.sh installs datasets and pyarrow)";
const TEACHER = resolve("test/select/fixtures/teacher.jsonl");

function run(args: string[]): void {
  const r = oxa(args);
  assert.equal(r.status, 0, r.stderr);
}

/** Runs a command twice, to .jsonl and to .parquet, and returns both paths. */
function both(dir: string, name: string, args: (out: string) => string[]): { jsonl: string; parquet: string } {
  const jsonl = join(dir, `${name}.jsonl`);
  const parquet = join(dir, `${name}.parquet`);
  run(args(jsonl));
  run(args(parquet));
  return { jsonl, parquet };
}

function outputs(dir: string, input: string) {
  mkdirSync(dir, { recursive: true });
  const ce = writeJsonl(join(dir, "ce.jsonl"), [
    { query: "What is 2+3?", response: "2+3 = 5. \\boxed{5}", id: "src-1" },
    { query: "Ünïcode ✓ 😀?", response: "line\nbreak \"quoted\" \\boxed{1}" },
  ]);
  const ul = writeJsonl(join(dir, "ul.jsonl"), [{ query: "What is 2+3?", response: "2+3 = 6. \\boxed{6}" }]);
  // one-response rows and a list row: the verdict columns hold a value or a list
  const graded = writeJsonl(join(dir, "graded.jsonl"), [
    { id: 1, gold: "5", response: "so \\boxed{5}" },
    { id: 2, gold: "\\frac{1}{2}", response: ["\\boxed{0.5}", "\\boxed{2}", "no answer"] },
  ]);
  return {
    verify: both(dir, "verify", (o) => ["verify", graded, o, "--workers", "1"]),
    select: both(dir, "select", (o) => ["select", input, o, "--n", "6", "--per-query", "2", "--correct-field", "correct"]),
    mine: both(dir, "mine", (o) => ["mine", input, o, "--k", "3", "--correct-field", "correct"]),
    mix: both(dir, "mix", (o) => ["mix", "--ce", ce, "--ul", ul, "--out", o]),
  };
}

test("each command's Parquet output converts back to the bytes of its JSONL output, and JSONL -> Parquet -> JSONL is byte-identical", () => {
  const dir = mkdtempSync(join(tmpdir(), "oxa-pq-"));
  for (const [name, f] of Object.entries(outputs(dir, TEACHER))) {
    const jsonl = readFileSync(f.jsonl, "utf8");
    assert.ok(jsonl.split("\n").length > 2, `${name} wrote rows`);
    const back = join(dir, `${name}.back.jsonl`);
    run(["convert", f.parquet, back]);
    assert.equal(readFileSync(back, "utf8"), jsonl, `${name}: Parquet output -> JSONL`);
    const again = join(dir, `${name}.again.parquet`);
    const back2 = join(dir, `${name}.back2.jsonl`);
    run(["convert", f.jsonl, again, "--schema", name]);
    run(["convert", again, back2]);
    assert.equal(readFileSync(back2, "utf8"), jsonl, `${name}: JSONL -> Parquet -> JSONL`);
  }
  // no temporaries or staging files left behind
  assert.deepEqual(readdirSync(dir).filter((n) => n.includes(".tmp-")), []);
});

test("numbers and text survive the round trip byte for byte: 1.0, -0, 2^53, 1e21, tiny doubles, escapes, astral characters", () => {
  const dir = mkdtempSync(join(tmpdir(), "oxa-pq-"));
  // rows as oxa writes them (JSON.stringify), the extras with every awkward value
  const rows = [
    { id: "a", prompt: "p", response: "r", loss_type: 0, query: "q", ppl: 1.0, neg: -0, big: 2 ** 53, huge: 1e21, tiny: 5e-324, x: 0.1 + 0.2 },
    { id: "b", prompt: "tab\t\u0001 \u2028", response: "😀 中文 é", loss_type: 1, query: "", nested: { a: [1, 2.5, null, "s"] }, list: [] },
  ];
  const src = writeJsonl(join(dir, "t.jsonl"), rows);
  const text = readFileSync(src, "utf8");
  assert.ok(text.includes('"ppl":1,') && text.includes('"neg":0,') && text.includes('"huge":1e+21'), "the source is JSON.stringify's own spelling");
  run(["convert", src, join(dir, "t.parquet"), "--schema", "mix"]);
  run(["convert", join(dir, "t.parquet"), join(dir, "back.jsonl")]);
  assert.equal(readFileSync(join(dir, "back.jsonl"), "utf8"), text);
  assert.deepEqual(readJsonl(join(dir, "back.jsonl")), JSON.parse(JSON.stringify(rows)));
});

test("a row the schema cannot hold is an error naming the row and field, and nothing is written", () => {
  const dir = mkdtempSync(join(tmpdir(), "oxa-pq-"));
  const src = writeJsonl(join(dir, "t.jsonl"), [
    { id: "a", prompt: "p", response: "r", loss_type: 0, query: "q" },
    { id: "b", prompt: "p", response: "r", loss_type: 0.5, query: "q" },
  ]);
  const r = oxa(["convert", src, join(dir, "t.parquet"), "--schema", "mix"]);
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /line 2/);
  assert.match(r.stderr, /loss_type/);
  assert.equal(existsSync(join(dir, "t.parquet")), false);
  assert.deepEqual(readdirSync(dir).filter((n) => n !== "t.jsonl"), []);
  const lone = writeJsonl(join(dir, "lone.jsonl"), [{ id: "a", prompt: "\ud800", response: "r", loss_type: 0, query: "q" }]);
  const r2 = oxa(["convert", lone, join(dir, "lone.parquet"), "--schema", "mix"]);
  assert.equal(r2.status, 2, r2.stderr);
  assert.match(r2.stderr, /surrogate/);
});

interface Loaded {
  rows: Record<string, unknown>[];
  schema: string;
  row_schema: { columns: { name: string; type: string }[] };
}

/** A row as `datasets` gives it, with the JSON-text columns (json type, other_fields) parsed back. */
function unpacked(l: Loaded, row: Record<string, unknown>): Record<string, unknown> {
  const json = new Set(l.row_schema.columns.filter((c) => c.type === "json").map((c) => c.name));
  const { other_fields, ...r } = row;
  const cols = Object.fromEntries(Object.entries(r).map(([k, v]) => [k, json.has(k) && v !== null ? JSON.parse(v as string) : v]));
  return { ...cols, ...(other_fields ? JSON.parse(other_fields as string) : {}) };
}

function consumer(files: string[]): Record<string, Loaded> {
  const r = spawnSync(PY, [resolve("test/interop/parquet_rows.py"), ...files], { encoding: "utf8", env: { ...process.env, HF_DATASETS_CACHE: mkdtempSync(join(tmpdir(), "hf-")) } });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

test("datasets.load_dataset reads every Parquet output with the JSONL's rows; the schema is the same on another input", { skip: noPy }, () => {
  const dir = mkdtempSync(join(tmpdir(), "oxa-pq-"));
  const one = outputs(join(dir, "one"), TEACHER);
  // another input: no `source` field anywhere and other PPLs: the declared columns do not change
  const other = writeJsonl(
    join(dir, "other.jsonl"),
    readJsonl(TEACHER).map(({ source: _s, ...r }) => ({ ...r, ppl: typeof r.ppl === "number" ? r.ppl + 0.05 : r.ppl })),
  );
  const two = outputs(join(dir, "two"), other);
  const files = [...Object.values(one), ...Object.values(two)].map((f) => f.parquet);
  const got = consumer(files);
  for (const f of [...Object.values(one), ...Object.values(two)]) {
    const want = readJsonl(f.jsonl);
    const rows = got[f.parquet].rows.map((r) => unpacked(got[f.parquet], r));
    assert.deepEqual(rows, want, f.parquet);
  }
  for (const name of Object.keys(one) as (keyof typeof one)[]) {
    assert.equal(got[one[name].parquet].schema, got[two[name].parquet].schema, `${name}: same schema on both inputs`);
  }
  assert.match(got[one.select.parquet].schema, /query: string not null\nresponse: string not null\nppl: double not null\nlen: double not null\nother_fields: string/);
  assert.match(got[one.mix.parquet].schema, /loss_type: int64 not null/);
});
