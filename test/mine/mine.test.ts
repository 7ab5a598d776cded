import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import fc from "fast-check";
import { CandidatePool } from "../../src/select/pool.ts";
import { pickConfidentErrors, runMine } from "../../src/mine/index.ts";

const dir = mkdtempSync(join(tmpdir(), "oxa-mine-"));

test("pickConfidentErrors equals a brute-force sort with a per-query cap, on random pools", () => {
  fc.assert(
    fc.property(
      fc.array(fc.record({ q: fc.integer({ min: 0, max: 15 }), ppl: fc.integer({ min: 120, max: 180 }).map((x) => x / 100) }), { maxLength: 150 }),
      fc.integer({ min: 1, max: 3 }),
      fc.integer({ min: 1, max: 60 }),
      (rows, perQuery, k) => {
        const pool = CandidatePool.of(rows.map((r) => ({ qid: r.q, ppl: r.ppl, len: 10, flags: 2 })));
        const got = [...pickConfidentErrors(pool, { k, perQuery })];
        const order = rows.map((_, i) => i).sort((a, b) => rows[a].ppl - rows[b].ppl || a - b);
        const count = new Map<number, number>();
        const want: number[] = [];
        for (const i of order) {
          if (want.length === k) break;
          if ((count.get(rows[i].q) ?? 0) >= perQuery) continue;
          count.set(rows[i].q, (count.get(rows[i].q) ?? 0) + 1);
          want.push(i);
        }
        assert.deepEqual(got, want);
      },
    ),
    { numRuns: 200 },
  );
});

test("runMine on random files equals a brute force over the rows: incorrect, floor, failed, max-len, cap across repeated queries", async () => {
  let run = 0;
  await fc.assert(
    fc.asyncProperty(
      fc.array(
        fc.record({
          query: fc.constantFrom("a", "b", "c", "d", "e", "f"),
          response: fc.constantFrom("x", "y", ""),
          ppl: fc.oneof(fc.integer({ min: 100, max: 200 }).map((x) => x / 100), fc.constant(null)),
          len: fc.integer({ min: 1, max: 120 }),
          correct: fc.constantFrom(true, false, false, null),
          truncated: fc.boolean(),
        }),
        { maxLength: 80 },
      ),
      fc.integer({ min: 1, max: 20 }),
      async (rows, k) => {
        const input = join(dir, `in${++run}.jsonl`);
        const out = join(dir, `out${run}.jsonl`);
        writeFileSync(input, rows.map((r) => JSON.stringify(r)).join("\n"));
        const res = await runMine({
          input,
          out,
          k,
          perQuery: 1,
          minPpl: 1.2,
          maxLen: 100,
          fields: { query: "query", response: "response", ppl: "ppl", length: "len", correct: "correct", failed: "truncated" },
        });
        const kept = rows.map((r, i) => ({ ...r, i })).filter((r) => r.correct === false && !r.truncated && r.response !== "" && r.ppl !== null && r.ppl >= 1.2 && r.len <= 100);
        // a (query, response) pair repeated among the kept rows counts once: its first occurrence
        const pairs = new Set<string>();
        const ok = kept.filter((r) => {
          const key = JSON.stringify([r.query, r.response]);
          return !pairs.has(key) && !!pairs.add(key);
        });
        ok.sort((a, b) => a.ppl! - b.ppl! || a.i - b.i);
        const seen = new Set<string>();
        const want = ok.filter((r) => !seen.has(r.query) && seen.add(r.query)).slice(0, k);
        const got = readFileSync(out, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
        assert.deepEqual(got, want.map(({ i, query, response, ppl, len, ...rest }) => ({ query, response, ppl, len, ...rest })));
        assert.equal(res.mined, want.length);
      },
    ),
    { numRuns: Number(process.env.OXA_PROPERTY_RUNS ?? 60) },
  );
});

test("oxa mine: grouped rows, the cap holds across rows repeating a query, summary counts, --json", () => {
  const input = join(dir, "grouped.jsonl");
  writeFileSync(
    input,
    [
      '{"query":"A","responses":["a1","a2","a3"],"ppls":[1.5,1.1,1.3],"lengths":[10,10,10],"verdicts":[false,false,true]}',
      '{"query":"B","responses":["b1","b2"],"ppls":[1.9,1.4],"lengths":[10,500],"verdicts":[false,false]}',
      '{"query":"A","responses":["a4"],"ppls":[1.25],"lengths":[10],"verdicts":[false]}',
    ].join("\n"),
  );
  const out = join(dir, "g-out.jsonl");
  const r = spawnSync(
    process.execPath,
    ["bin/oxa.mjs", "mine", input, out, "--responses-field", "responses", "--ppl-field", "ppls", "--length-field", "lengths", "--correct-field", "verdicts", "--max-len", "100", "--json"],
    { encoding: "utf8" },
  );
  assert.equal(r.status, 0, r.stderr);
  const res = JSON.parse(r.stdout);
  assert.deepEqual(res.excluded, { "below PPL floor": 1, correct: 1, "over-long": 1 });
  const rows = readFileSync(out, "utf8").trim().split("\n").map((l) => JSON.parse(l));
  // A's best across both rows is a4 (1.25, second row); B's is b1 (b2 is over-long).
  assert.deepEqual(rows.map((x) => [x.response, x.ppl, x.response_index]), [["a4", 1.25, 0], ["b1", 1.9, 0]]);
  assert.equal(res.mined, 2);
});
