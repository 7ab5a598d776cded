// Columnar JSON ({"query": [...], "response": [...]}) reads as the rows it was made from, through
// chunk boundaries (values cut anywhere, escapes, nested values), compressed or not; columns of
// different lengths and a file cut short are errors naming the column and where.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readRecords } from "../../src/io/records.ts";

async function rowsOf(path: string): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for await (const r of readRecords(path)) out.push(r.row);
  return out;
}

/** The object of arrays of `rows` (all rows have the same keys), as JSON.stringify writes it. */
function columnar(rows: Record<string, unknown>[], space?: number): string {
  const keys = Object.keys(rows[0]);
  return JSON.stringify(Object.fromEntries(keys.map((k) => [k, rows.map((r) => r[k])])), null, space);
}

// rows long enough that values straddle the 1 MiB read chunks, with escapes and brackets inside strings
const rows = Array.from({ length: 5000 }, (_, i) => ({
  query: `q${i} "quoted" \\ back ] } [ { , é 😀`.repeat(1 + (i % 7)),
  response: "x".repeat(200 + ((i * 37) % 900)) + "\\\"",
  ppl: i % 5 === 0 ? null : 1 + i / 1000,
  len: i,
  tags: i % 3 === 0 ? [] : [{ a: [i, "]"] }, true, null],
}));

test("columnar JSON reads as the rows it was made from (plain, indented, gzip)", async () => {
  const dir = mkdtempSync(join(tmpdir(), "oxa-cols-"));
  const text = columnar(rows);
  assert.ok(text.length > 3 << 20, "the file spans several read chunks");
  writeFileSync(join(dir, "c.json"), text);
  writeFileSync(join(dir, "i.json"), "\ufeff" + columnar(rows, 2));
  writeFileSync(join(dir, "c.json.gz"), gzipSync(text));
  for (const f of ["c.json", "i.json", "c.json.gz"]) assert.deepEqual(await rowsOf(join(dir, f)), rows, f);
  writeFileSync(join(dir, "empty.json"), '{"a": [], "b": []}');
  assert.deepEqual(await rowsOf(join(dir, "empty.json")), []);
});

test("columnar JSON: unequal columns, a cut file and a non-array column are errors naming where", async () => {
  const dir = mkdtempSync(join(tmpdir(), "oxa-cols-"));
  const cases: [string, RegExp][] = [
    ['{"q": [1, 2, 3], "r": ["a", "b"]}', /line 3: columns of different lengths: "r" ends after 2 values/],
    ['{"q": [1, 2, 3], "r": ["a", "b', /ends inside column "r": it is cut short \(byte offset \d+\)/],
    ['{"q": [1, 2], "r": 5}', /column "r" is not an array \(byte offset 19\)/],
    // a malformed element among well-formed ones (the batch parse fails; the element is named alone)
    ['{"q": [1, 2, 3], "r": ["a", "b", tru, "d"]}', /, line 3, field "r": malformed JSON \(.*byte offset 33\)/],
  ];
  for (const [i, [text, want]] of cases.entries()) {
    const f = join(dir, `bad${i}.json`);
    writeFileSync(f, text);
    await assert.rejects(rowsOf(f), (e: Error) => want.test(e.message) && e.message.includes(f), text);
  }
});

test("select reads columnar JSON as it reads the JSONL twin (the same selection, byte for byte)", async () => {
  const { oxa, readJsonl } = await import("../helpers/oxa-cli.ts");
  const { readFileSync } = await import("node:fs");
  const dir = mkdtempSync(join(tmpdir(), "oxa-cols-"));
  const teacher = readJsonl("test/select/fixtures/teacher.jsonl");
  const keys = [...new Set(teacher.flatMap((r) => Object.keys(r)))];
  // every row gets every key (null where the JSONL row lacks it), as a columnar file must
  const twin = teacher.map((r) => Object.fromEntries(keys.map((k) => [k, r[k] ?? null])));
  writeFileSync(join(dir, "t.jsonl"), twin.map((r) => JSON.stringify(r)).join("\n") + "\n");
  writeFileSync(join(dir, "t.json"), columnar(twin));
  writeFileSync(join(dir, "t.json.gz"), gzipSync(columnar(twin)));
  for (const f of ["t.jsonl", "t.json", "t.json.gz"]) {
    const r = oxa(["select", join(dir, f), join(dir, `${f}.out.jsonl`), "--n", "6", "--correct-field", "correct"]);
    assert.equal(r.status, 0, r.stderr);
  }
  const want = readFileSync(join(dir, "t.jsonl.out.jsonl"), "utf8");
  assert.ok(want.length > 0);
  assert.equal(readFileSync(join(dir, "t.json.out.jsonl"), "utf8"), want);
  assert.equal(readFileSync(join(dir, "t.json.gz.out.jsonl"), "utf8"), want);
});
