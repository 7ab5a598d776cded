// Repeated (query, response) rows: left out of the pool (first occurrence kept) and reported, in
// every input shape and on both reading paths; equal fingerprints with different texts both stay.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { readPool, runSelect, type PoolFields } from "../../src/select/index.ts";
import { runMine } from "../../src/mine/index.ts";
import { fingerprintString } from "../../src/select/response-fingerprint.ts";

const dir = mkdtempSync(join(tmpdir(), "oxa-duplicates-"));
const fields: PoolFields = { query: "query", response: "response", ppl: "ppl", length: "len", correct: "correct" };
const asciiJson = (v: unknown) => JSON.stringify(v).replace(/[\u007f-\uffff]/g, (c) => "\\u" + c.charCodeAt(0).toString(16).padStart(4, "0")).replace(/\//g, "\\/");

// Long texts that share their first and last 64 bytes and their length, differing only inside.
const long = (mid: string) => "A".repeat(100) + mid + "Z".repeat(100);
const texts = ["x", "a/b ∑", "", long("one"), long("two"), long("ünï"), "\\frac{1}{2}"];

test("two long texts differing only in the middle have equal fingerprints (so only the text comparison tells them apart)", () => {
  const a = new Uint32Array(2);
  const b = new Uint32Array(2);
  fingerprintString(long("one"), a);
  fingerprintString(long("two"), b);
  assert.deepEqual([...a], [...b]);
});

test("readPool keeps the first of each repeated (query, response) among eligible rows, in JSONL (either spelling), JSON and the grouped shape", async () => {
  let run = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.record({ q: fc.constantFrom("q1", "q/2", "ü3"), r: fc.constantFrom(...texts), ppl: fc.integer({ min: 100, max: 300 }), correct: fc.boolean() }), { minLength: 1, maxLength: 40 }),
      fc.boolean(),
      async (rows, ascii) => {
        run++;
        const records = rows.map((x) => ({ query: x.q, response: x.r, ppl: x.ppl / 100, len: 5, correct: x.correct }));
        // brute force: eligible = correct and non-empty; the first of each (query, response) stays
        const seen = new Set<string>();
        const want: number[] = [];
        records.forEach((x, i) => {
          if (!x.correct || x.response === "") return;
          const key = JSON.stringify([x.query, x.response]);
          if (seen.has(key)) return;
          seen.add(key);
          want.push(i + 1);
        });
        const eligible = records.filter((x) => x.correct && x.response !== "").length;
        const jsonl = join(dir, `p${run}.jsonl`);
        writeFileSync(jsonl, records.map((x) => (ascii ? asciiJson(x) : JSON.stringify(x))).join("\n") + "\n");
        const json = join(dir, `p${run}.json`);
        writeFileSync(json, JSON.stringify(records));
        for (const file of [jsonl, json]) {
          const { pool, summary } = await readPool(file, { fields, rule: { kind: "select", requireCorrect: true } });
          assert.deepEqual([...pool.line.subarray(0, pool.size)], want, file);
          assert.equal(summary.duplicates.count, eligible - want.length);
          assert.equal(summary.excluded.duplicate ?? 0, eligible - want.length);
          assert.equal(summary.kept, want.length);
        }
        // the grouped shape: one row per query, its responses as lists (the careful reading path)
        const byQuery = new Map<string, number[]>();
        records.forEach((x, i) => byQuery.set(x.query, [...(byQuery.get(x.query) ?? []), i]));
        const grouped = [...byQuery].map(([query, idx]) => ({ query, response: idx.map((i) => records[i].response), ppl: idx.map((i) => records[i].ppl), len: idx.map(() => 5), correct: idx.map((i) => records[i].correct) }));
        const g = join(dir, `g${run}.jsonl`);
        writeFileSync(g, grouped.map((x) => JSON.stringify(x)).join("\n") + "\n");
        const { pool } = await readPool(g, { fields, rule: { kind: "select", requireCorrect: true } });
        const gotPairs = [...Array(pool.size).keys()].map((i) => JSON.stringify([grouped[pool.line[i] - 1].query, grouped[pool.line[i] - 1].response[pool.item[i]]]));
        const wantPairs = [...new Set(records.filter((x) => x.correct && x.response !== "").map((x) => JSON.stringify([x.query, x.response])))];
        assert.deepEqual(gotPairs.sort(), wantPairs.sort());
      },
    ),
    { numRuns: 60 },
  );
});

test("select and mine never write a repeated row twice, and say how many they left out and where", async () => {
  const rows: object[] = [];
  for (let i = 0; i < 12; i++) rows.push({ query: `q${i % 3}`, response: `r${i}`, ppl: 1.1 + i / 10, len: 5, correct: i % 2 === 0 });
  rows.push({ ...rows[2] }, { ...rows[3], ppl: 1.05 }, { ...rows[4], query: "q-other" });
  const input = join(dir, "sel-in.jsonl");
  writeFileSync(input, rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
  const sel = await runSelect({ input, out: join(dir, "sel.jsonl"), fields, n: 100, strategy: "random", seed: 0, perQuery: 100 } as never);
  assert.deepEqual(sel.result.duplicates, { count: 1, first: { line: 13, sameAs: 3 } });
  const written = readFileSync(join(dir, "sel.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
  assert.equal(new Set(written.map((r) => r.query + "|" + r.response)).size, written.length);
  const mined = await runMine({ input, out: join(dir, "mine.jsonl"), fields, k: 100, perQuery: 100, minPpl: 1 } as never);
  assert.deepEqual(mined.duplicates, { count: 1, first: { line: 14, sameAs: 4 } });
  const errors = readFileSync(join(dir, "mine.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
  assert.equal(errors.length, 6);
  assert.equal(new Set(errors.map((r) => r.query + "|" + r.response)).size, 6);
});
