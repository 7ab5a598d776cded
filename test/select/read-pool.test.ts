import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { parseNumber } from "../../src/select/json-line-scanner.ts";
import { readPool, type PoolFields } from "../../src/select/index.ts";
import type { CandidateRule } from "../../src/select/candidate-rules.ts";
import { InputError } from "../../src/io/errors.ts";

const dir = mkdtempSync(join(tmpdir(), "oxa-read-pool-"));
const fields: PoolFields = { query: "query", response: "response", ppl: "ppl", length: "len", correct: "correct" };
const keepScored: CandidateRule = { kind: "select", requireCorrect: false };
const rule = (f: PoolFields): CandidateRule => ({ kind: "select", requireCorrect: Boolean(f.correct) });

/** Python's json.dumps default: non-ASCII as \uXXXX (and we also escape "/" as "\/"). */
const asciiJson = (v: unknown) => JSON.stringify(v).replace(/[\u007f-\uffff]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0")).replace(/\//g, "\\/");

const row = fc.record({
  query: fc.oneof(fc.constantFrom("a/b", "ünïcode ∑", "x\\frac{1}{2}", 'say "hi"', "tab\there"), fc.string({ unit: "binary", maxLength: 12 })),
  response: fc.oneof(fc.string({ maxLength: 40 }), fc.constant(null)),
  ppl: fc.oneof(fc.double({ min: 1, max: 20, noNaN: true }), fc.constant(null), fc.integer({ min: 1, max: 9 })),
  len: fc.integer({ min: 0, max: 40000 }),
  correct: fc.constantFrom(true, false, null, 0, 1),
  extra: fc.oneof(fc.constant(undefined), fc.jsonValue({ maxDepth: 2 })),
});

test("the byte scanner reads exactly what JSON.parse reads (JSONL vs the same rows as a .json list)", async () => {
  let run = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(fc.tuple(row, fc.constantFrom(0, 1, 2)), { minLength: 1, maxLength: 40 }), async (rows) => {
      run++;
      const lines = rows.map(([r, enc]) => (enc === 0 ? JSON.stringify(r) : enc === 1 ? asciiJson(r) : " " + JSON.stringify(r, null, 1).replace(/\n/g, " ") + " \r"));
      // Repeat some queries in other spellings so that ids must agree across encodings.
      const jsonl = join(dir, `p${run}.jsonl`);
      const json = join(dir, `p${run}.json`);
      const again = { ...rows[0][0], ppl: 1.5, len: 3, response: "x".repeat(41) }; // longer than any generated response: never a repeat
      writeFileSync(jsonl, lines.join("\n") + "\n\n" + asciiJson(again) + "\n");
      writeFileSync(json, JSON.stringify([...rows.map(([r]) => r), again]));
      const a = await readPool(jsonl, { fields, rule: keepScored });
      const b = await readPool(json, { fields, rule: keepScored });
      assert.equal(a.pool.size, b.pool.size);
      assert.equal(a.summary.queries, b.summary.queries);
      for (const col of ["qid", "ppl", "len", "flags", "item"] as const) assert.deepEqual([...a.pool[col].subarray(0, a.pool.size)], [...b.pool[col].subarray(0, b.pool.size)], col);
      // The first query, spelt again (\u escapes, \/) on the last line, is the same query.
      const firstKept = rows[0][0].ppl !== null && Boolean(rows[0][0].response);
      if (firstKept) assert.equal(a.pool.qid[a.pool.size - 1], a.pool.qid[0]);
    }),
    { numRuns: 40 },
  );
});

test("an escaped key that spells a wanted one is read as JSON.parse reads it (the last duplicate wins)", async () => {
  const file = join(dir, "escaped-key.jsonl");
  writeFileSync(file, '{"query":"q","response":"r","ppl":2.0,"len":5,"correct":true,"pp\\u006c":3.5}\n');
  const { pool } = await readPool(file, { fields, rule: keepScored });
  assert.equal(pool.ppl[0], 3.5);
});

test("parseNumber agrees with Number on JSON numbers and rejects what JSON rejects", () => {
  const check = (text: string) => {
    const buf = Buffer.from(` ${text},`);
    const got = parseNumber(buf, 1, 1 + Buffer.byteLength(text));
    const want = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(text) ? Number(text) : NaN;
    assert.ok(Object.is(got, want) || (got === 0 && want === 0), `${text}: ${got} vs ${want}`);
  };
  fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => check(JSON.stringify(x))));
  fc.assert(fc.property(fc.stringMatching(/^-?\d{1,20}(\.\d{1,20})?([eE][+-]?\d{1,3})?$/), check));
  for (const t of ["2.3456", "1.15", "0.1", "-0", "01", "1.", ".5", "1e", "+1", "1.5e300", "9007199254740993", "123456789012345678"]) check(t);
});

async function expectError(lines: string[], f: PoolFields, where: { line?: number; field?: string; text: RegExp }) {
  const file = join(dir, `bad-${Math.random().toString(36).slice(2)}.jsonl`);
  writeFileSync(file, lines.join("\n") + "\n");
  await assert.rejects(readPool(file, { fields: f, rule: rule(f) }), (e: Error) => {
    assert.ok(e instanceof InputError, e.message);
    assert.equal(e.file, file);
    assert.equal(e.line, where.line);
    assert.equal(e.field, where.field);
    assert.match(e.message, where.text);
    return true;
  });
}

test("bad input: errors name file, line and field", async () => {
  const ok = '{"query":"q","response":"r","ppl":2.1,"len":10,"correct":true}';
  await expectError([ok, '{"query":"q","response":"r","ppl":2.1,"len":10,"correct":true'], fields, { line: 2, text: /malformed JSON/ });
  await expectError([ok, ok, '{"query":"q","response":"r","ppl":"2.1","len":10,"correct":true}'], fields, { line: 3, field: "ppl", text: /expected a number, got string/ });
  await expectError(['{"response":"r","ppl":2.1,"len":10,"correct":true}'], fields, { line: 1, field: "query", text: /missing field/ });
  await expectError([ok, '{"query":"q","response":"r","ppl":2.1,"len":10,"correct":"yes"}'], fields, { line: 2, field: "correct", text: /true\/false/ });
  await expectError([ok, '{"query":"q","response":"r","ppl":2.1,"correct":true}'], fields, { line: 2, field: "len", text: /missing/ });
  await expectError(["[1,2]"], fields, { line: 1, text: /JSON object/ });
  const grouped: PoolFields = { query: "query", response: "responses", ppl: "ppls", length: "lengths", correct: "verdicts" };
  await expectError(['{"query":"q","responses":["a","b"],"ppls":[2.0,2.1],"lengths":[5],"verdicts":[true,false]}'], grouped, {
    line: 1,
    field: "lengths",
    text: /1 entries but the PPL list has 2/,
  });
  await expectError(['{"query":"q","responses":["a","b"],"ppls":[2.0,"x"],"lengths":[5,6],"verdicts":[true,false]}'], grouped, {
    line: 1,
    field: "ppls[1]",
    text: /expected a number/,
  });
});

test("both shapes: grouped rows give one candidate per correct response; exclusions are counted", async () => {
  const file = join(dir, "mixed.jsonl");
  writeFileSync(
    file,
    [
      '{"query":"A","responses":["a1","a2","a3"],"ppls":[2.0,null,3.1],"lengths":[10,20,30],"verdicts":[true,true,false]}',
      '{"query":"B","responses":["b1"],"ppls":[2.5],"lengths":[7],"verdicts":[null]}',
    ].join("\n"),
  );
  const f: PoolFields = { query: "query", response: "responses", ppl: "ppls", length: "lengths", correct: "verdicts" };
  const { pool, summary } = await readPool(file, { fields: f, rule: rule(f) });
  assert.equal(summary.rows, 2);
  assert.equal(summary.responses, 4);
  assert.deepEqual(summary.excluded, { unscored: 1, incorrect: 1, unverified: 1 });
  assert.equal(pool.size, 1);
  assert.equal(pool.item[0], 0);
  assert.equal(pool.ppl[0], 2.0);
});

test("split across worker threads, the pool is the same as read by one thread; errors keep their global line", async () => {
  const rows = Array.from({ length: 3000 }, (_, i) => ({ query: `q${i % 700} \\frac{1}{${i % 7}}`, response: "r".repeat(i % 50), ppl: 1 + (i % 97) / 25, len: 100 + (i % 13), correct: i % 5 !== 0 }));
  const file = join(dir, "split.jsonl");
  writeFileSync(file, rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
  const one = await readPool(file, { fields, rule: rule(fields), threads: 1 });
  for (const threads of [2, 3]) {
    const many = await readPool(file, { fields, rule: rule(fields), threads, parallelFrom: 0 });
    assert.deepEqual(many.summary, one.summary);
    for (const col of ["qid", "ppl", "len", "flags", "line", "offset", "bytes", "item"] as const) {
      assert.deepEqual(many.pool[col].subarray(0, many.pool.size), one.pool[col].subarray(0, one.pool.size), `${col} with ${threads} threads`);
    }
  }
  const bad = join(dir, "split-bad.jsonl");
  const text = rows.map((r) => JSON.stringify(r));
  text[2500] = text[2500].replace('"len":', '"len":"x","was":');
  writeFileSync(bad, text.join("\n") + "\n");
  await assert.rejects(readPool(bad, { fields, rule: rule(fields), threads: 2, parallelFrom: 0 }), (e: Error) => e instanceof InputError && e.line === 2501 && e.field === "len");
});

test("values out of their range are refused naming file, line and field, on the fast path and the JSON path alike", async () => {
  const cases: [string, RegExp][] = [
    ['{"query":"q","response":"r","ppl":-3,"len":5,"correct":true}', /line 1, field "ppl": a perplexity is at least 1, got -3/],
    ['{"query":"q","response":"r","ppl":0,"len":5,"correct":true}', /field "ppl": a perplexity is at least 1, got 0/],
    ['{"query":"q","response":"r","ppl":2,"len":-1,"correct":true}', /field "len": a token length is a whole number ≥ 0, got -1/],
    ['{"query":"q","response":"r","ppl":2,"len":2.5,"correct":true}', /field "len": a token length is a whole number ≥ 0, got 2.5/],
    ['{"query":"q","response":"r","ppl":1e400,"len":5,"correct":true}', /field "ppl": expected a finite number, got Infinity/],
    ['{"query":"q","responses":["a","b"],"ppl":[2,0.2],"len":[3,4],"correct":[true,true]}', /field "ppl\[1\]": a perplexity is at least 1/],
  ];
  for (const [i, [line, pattern]] of cases.entries()) {
    const jsonl = join(dir, `range-${i}.jsonl`);
    writeFileSync(jsonl, line + "\n");
    await assert.rejects(readPool(jsonl, { fields: { ...fields, response: line.includes("responses") ? "responses" : "response" }, rule: keepScored }), (e: Error) => e instanceof InputError && pattern.test(e.message));
  }
});
