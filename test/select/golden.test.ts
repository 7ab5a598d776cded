// Golden files: small hand-made inputs, one expected output per strategy. The Gaussian case is
// worked by hand in docs/curation.md ("A worked example"): targets 1, 3, 3, 1 over four bins.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { runSelect, type SelectRun } from "../../src/select/index.ts";

const fx = (name: string) => join("test/select/fixtures", name);
const dir = mkdtempSync(join(tmpdir(), "oxa-golden-"));
const UPDATE = process.env.OXA_UPDATE_GOLDEN === "1";

const common = { n: 8, perQuery: 1, seed: 3, mu: 2.0, sigma: 0.5, minPpl: 1, maxPpl: 3, binWidth: 0.5, redistribute: false };
const flat = { query: "query", response: "response", ppl: "ppl", length: "len", correct: "correct" };
const grouped = { query: "query", response: "responses", ppl: "ppls", length: "lengths", correct: "verdicts" };

const cases: { name: string; run: Omit<SelectRun, "out"> }[] = [
  { name: "gaussian", run: { ...common, strategy: "gaussian", input: fx("teacher.jsonl"), fields: flat } },
  { name: "random", run: { ...common, strategy: "random", input: fx("teacher.jsonl"), fields: flat } },
  { name: "lowest-ppl", run: { ...common, strategy: "lowest-ppl", input: fx("teacher.jsonl"), fields: flat, minPpl: undefined, maxPpl: undefined } },
  { name: "long-low-ppl", run: { ...common, strategy: "long-low-ppl", input: fx("teacher.jsonl"), fields: flat, minPpl: undefined, maxPpl: undefined } },
  { name: "interval", run: { ...common, strategy: "interval", n: 6, minPpl: 2.0, maxPpl: 2.5, binWidth: 0.25, input: fx("teacher.jsonl"), fields: flat } },
  { name: "gaussian-redistribute", run: { ...common, strategy: "gaussian", n: 13, redistribute: true, input: fx("teacher.jsonl"), fields: flat } },
  { name: "gaussian-per-query-2", run: { ...common, strategy: "gaussian", n: 12, perQuery: 2, input: fx("teacher.jsonl"), fields: flat } },
  { name: "grouped-gaussian", run: { ...common, strategy: "gaussian", n: 5, input: fx("grouped.jsonl"), fields: grouped } },
];

for (const c of cases) {
  test(`golden: ${c.name}`, async () => {
    const out = join(dir, `${c.name}.jsonl`);
    const { stats } = await runSelect({ ...c.run, out });
    const got = readFileSync(out, "utf8");
    const golden = fx(`golden/${c.name}.jsonl`);
    if (UPDATE) writeFileSync(golden, got);
    assert.equal(got, readFileSync(golden, "utf8"));
    assert.equal(stats.totals.selected, got.trim().split("\n").length);
  });
}

test("a .json list of the same rows gives the same bytes as the JSONL file", async () => {
  const json = join(dir, "teacher.json");
  writeFileSync(json, JSON.stringify(readFileSync(fx("teacher.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l))));
  for (const c of [cases[0], cases[6]]) {
    const out = join(dir, `json-${c.name}.jsonl`);
    await runSelect({ ...c.run, input: json, out });
    assert.equal(readFileSync(out, "utf8"), readFileSync(fx(`golden/${c.name}.jsonl`), "utf8"));
  }
});

test("golden gaussian, by hand: targets 1,3,3,1; longest first; a query taken once; stats agree", async () => {
  const out = join(dir, "hand.jsonl");
  const { stats } = await runSelect({ ...cases[0].run, out });
  assert.deepEqual(stats.bins!.map((b) => [b.target, b.available, b.taken, b.shortfall]), [
    [1, 4, 1, 0],
    [3, 6, 3, 0],
    [3, 7, 3, 0],
    [1, 5, 1, 0],
  ]);
  const rows = readFileSync(out, "utf8").trim().split("\n").map((l) => JSON.parse(l));
  assert.deepEqual(rows.map((r) => r.response).sort(), ["r12a", "r1b", "r2a", "r3c", "r5b", "r6a", "r8a", "r9b"]);
  assert.deepEqual(Object.keys(rows[0]), ["query", "response", "ppl", "len", "correct", "source"]);
  assert.deepEqual(stats.perQuery, { queries: 8, histogram: { "1": 8 } });
  assert.deepEqual(stats.input.excluded, { incorrect: 2, unscored: 1, unverified: 1 });
});

test("a short bin stays short and is reported; --redistribute fills from the nearest bins", async () => {
  const short = await runSelect({ ...cases[0].run, n: 13, out: join(dir, "short.jsonl") });
  const redis = await runSelect({ ...cases[0].run, n: 13, redistribute: true, out: join(dir, "redis.jsonl") });
  // N = 13 over four bins: targets 2, 5, 5, 1. Bin 2 has 7 candidates, but the queries of three
  // of them were already taken in lower bins: it takes 4 and is short by 1.
  const acct = (r: typeof short) => r.stats.bins!.map((b) => [b.target, b.taken, b.shortfall, b.received]);
  assert.deepEqual(acct(short), [[2, 2, 0, 0], [5, 5, 0, 0], [5, 4, 1, 0], [1, 1, 0, 0]]);
  assert.equal(short.stats.totals.selected, 12);
  assert.equal(short.stats.totals.shortfall, 1);
  // Redistribution: distance 1 — bin 1 (lower first) has nothing takeable left, bin 3 gives one.
  assert.deepEqual(acct(redis), [[2, 2, 0, 0], [5, 5, 0, 0], [5, 4, 1, 0], [1, 1, 0, 1]]);
  assert.equal(redis.stats.totals.selected, 13);
});

test("the CLI writes the same bytes, a summary and an SVG; bad input exits 2 naming file, line and field", () => {
  const out = join(dir, "cli.jsonl");
  const args = ["bin/oxa.mjs", "select", fx("teacher.jsonl"), out, "--n", "8", "--mu", "2", "--sigma", "0.5", "--min-ppl", "1", "--max-ppl", "3", "--bin-width", "0.5"];
  const r = spawnSync(process.execPath, [...args, "--correct-field", "correct", "--seed", "3", "--json"], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).selected, 8);
  assert.equal(readFileSync(out, "utf8"), readFileSync(fx("golden/gaussian.jsonl"), "utf8"));
  const svg = readFileSync(join(dir, "cli.svg"), "utf8");
  assert.match(svg, /^<svg xmlns/);
  assert.match(svg, /target per bin/);
  assert.equal(JSON.parse(readFileSync(join(dir, "cli.stats.json"), "utf8")).bins.length, 4);
  const bad = join(dir, "bad.jsonl");
  writeFileSync(bad, readFileSync(fx("teacher.jsonl"), "utf8").replace('"len":800', '"len":"800"'));
  const e = spawnSync(process.execPath, ["bin/oxa.mjs", "select", bad, join(dir, "x.jsonl"), "--correct-field", "correct"], { encoding: "utf8" });
  assert.equal(e.status, 2);
  assert.match(e.stderr, new RegExp(`${bad}, line 2, field "len": expected a number, got string`));
});
