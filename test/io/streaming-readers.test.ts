// The streaming readers: JSON arrays cut into elements whatever the chunk boundaries, compressed
// JSONL/JSON (.gz, .zst) read like the plain files, and every broken file a one-line error naming
// the file and the row or byte offset.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import fc from "fast-check";
import { splitJsonArray } from "../../src/io/json-array.ts";
import { readRecords } from "../../src/io/records.ts";
import { InputError } from "../../src/io/errors.ts";
import { oxa } from "../helpers/oxa-cli.ts";

const dir = mkdtempSync(join(tmpdir(), "oxa-streaming-"));

async function* chunked(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

const tricky = fc.oneof(fc.string(), fc.constantFrom('a "quoted" ]', "back\\slash\\", "\\\\", "}{][", "ünï ∑ 🙂", '\\"', ""));
const rowArb = fc.record({ query: tricky, response: tricky, ppl: fc.double({ min: 1, max: 9, noNaN: true }), nested: fc.jsonValue({ maxDepth: 3 }), list: fc.array(tricky, { maxLength: 3 }) });

test("splitJsonArray cuts exactly JSON.parse's elements, at any chunk size, with any spacing and a BOM", async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(rowArb, { maxLength: 8 }), fc.integer({ min: 1, max: 9 }), fc.boolean(), fc.boolean(), async (rows, size, pretty, bom) => {
      const text = (bom ? "\ufeff" : "") + JSON.stringify(rows, null, pretty ? 2 : undefined);
      const bytes = Buffer.from(text, "utf8");
      const els = await collect(splitJsonArray(chunked(bytes, size), "x.json"));
      assert.deepEqual(els.map((e) => JSON.parse(e.buf.toString("utf8", e.start, e.end))), JSON.parse(JSON.stringify(rows)));
      for (const e of els) assert.equal(bytes.toString("utf8", e.offset, e.offset + e.bytes), e.buf.toString("utf8", e.start, e.end), "offset and length locate the element");
      assert.deepEqual(els.map((e) => e.index), rows.map((_, i) => i + 1));
    }),
    { numRuns: 300 },
  );
});

test("broken JSON arrays: cut mid-row, stray text, a non-object element, one object, an empty file", async () => {
  const cases: [string, RegExp][] = [
    ['[{"a": 1}, {"a": "tw', /x\.json, line 2: the file ends inside element 2: it is cut short \(byte offset 20\)/],
    ['[{"a": 1} {"a": 2}]', /line 1: expected "," or "\]" after element 1 \(byte offset 10\)/],
    ['[{"a": 1}, 7]', /line 2: element 2 is not an object/],
    ['{"query": ["a"], "response": ["b"]}', /must be a list of objects \(this file holds one object\)/],
    ["", /empty file/],
    ['[{"a": 1}', /ends before the closing "\]"/],
    ['[{"a": 1}] x', /unexpected text after the closing/],
  ];
  for (const [text, re] of cases) {
    await assert.rejects(collect(splitJsonArray(chunked(Buffer.from(text), 4), "x.json")), (e: Error) => e instanceof InputError && re.test(e.message), text);
  }
  // an element that splits fine but is not JSON: named by row through the shared reader
  const bad = join(dir, "bad.json");
  writeFileSync(bad, '[{"a": 1}, {"a": tru}]');
  await assert.rejects(collect(readRecords(bad)), /bad\.json, line 2: element 2 is malformed JSON/);
});

const zstd = spawnSync("zstd", ["--version"]).status === 0;

test("compressed .jsonl and .json (gzip, Zstandard) read the same rows as the plain files", { skip: !zstd && "the zstd command is missing (scripts/setup.sh installs it)" }, async () => {
  const rows = Array.from({ length: 3000 }, (_, i) => ({ query: `q${i % 50}`, response: "r".repeat(i % 97) + i, ppl: 1 + (i % 13) / 4, len: i, correct: i % 3 !== 0 }));
  const plain = join(dir, "rows.jsonl");
  writeFileSync(plain, rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
  writeFileSync(join(dir, "rows.json"), JSON.stringify(rows));
  writeFileSync(plain + ".gz", gzipSync(readFileSync(plain)));
  assert.equal(spawnSync("zstd", ["-qf", plain, "-o", plain + ".zst"]).status, 0);
  assert.equal(spawnSync("zstd", ["-qf", join(dir, "rows.json"), "-o", join(dir, "rows.json.zst")]).status, 0);
  const want = (await collect(readRecords(plain))).map((r) => r.row);
  for (const f of [plain + ".gz", plain + ".zst", join(dir, "rows.json"), join(dir, "rows.json.zst")]) {
    assert.deepEqual((await collect(readRecords(f))).map((r) => r.row), want, f);
  }
  // select over each gives the same bytes as over the plain JSONL
  const base = ["--n", "200", "--correct-field", "correct", "--seed", "3"];
  let r = oxa(["select", plain, join(dir, "sel-plain.jsonl"), ...base, "--stats", join(dir, "s0.json")]);
  assert.equal(r.status, 0, r.stderr);
  const expected = readFileSync(join(dir, "sel-plain.jsonl"));
  for (const f of [plain + ".zst", plain + ".gz", join(dir, "rows.json"), join(dir, "rows.json.zst")]) {
    const out = join(dir, `sel-${f.split("/").at(-1)}.jsonl`);
    r = oxa(["select", f, out, ...base]);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(readFileSync(out), expected, f);
  }
  // a corrupt frame and a cut-short file: one line naming the file, nothing written
  const z = readFileSync(plain + ".zst");
  const corrupt = join(dir, "corrupt.jsonl.zst");
  writeFileSync(corrupt, Buffer.concat([z.subarray(0, 40), Buffer.alloc(64, 0xff), z.subarray(104)]));
  const cut = join(dir, "cut.jsonl.gz");
  writeFileSync(cut, readFileSync(plain + ".gz").subarray(0, 2000));
  for (const f of [corrupt, cut]) {
    r = oxa(["select", f, join(dir, "never.jsonl"), ...base]);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr.trim().split("\n").at(-1)!, /: not a readable (Zstandard|gzip) stream after \d+ decompressed bytes .*corrupt or cut short/);
    assert.equal(spawnSync("ls", [join(dir, "never.jsonl")]).status, 2, "nothing written");
  }
});
