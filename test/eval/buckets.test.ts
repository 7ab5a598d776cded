import { test } from "node:test";
import assert from "node:assert/strict";
import { readDetails } from "../../src/eval/problem-detail.ts";
import { bucketEdges, bucketGains } from "../../src/eval/buckets.ts";

const fixture = (f: string) => new URL(`./fixtures/${f}`, import.meta.url).pathname;
const labels = (n: number) => bucketEdges(n).map((b) => b.label);

test("bucket edges: the paper's at n = 128, scaled and clipped elsewhere", () => {
  assert.deepEqual(labels(128), ["0", "1-4", "5-16", "17-64", "65-128"]);
  assert.deepEqual(labels(64), ["0", "1-2", "3-8", "9-32", "33-64"]);
  assert.deepEqual(labels(16), ["0", "1", "2", "3-8", "9-16"]);
  assert.deepEqual(labels(4), ["0", "1", "2", "3", "4"]);
  assert.deepEqual(labels(2), ["0", "1", "2"]);
  // Every count 0..n falls in exactly one bucket.
  for (const n of [1, 3, 5, 16, 100, 128, 256]) {
    const b = bucketEdges(n);
    assert.equal(b[0].lo, 0);
    assert.equal(b[b.length - 1].hi, n);
    for (let i = 1; i < b.length; i++) assert.equal(b[i].lo, b[i - 1].hi + 1);
  }
});

test("gains per bucket against a hand-made base", async () => {
  const base = await readDetails(fixture("details-base.jsonl"));
  const model = await readDetails(fixture("details-hand.jsonl"));
  const { n, rows } = bucketGains(base, { m: model });
  assert.equal(n, 4);
  const byLabel = Object.fromEntries(rows.map((r) => [r.label, r]));
  // Bucket 0: base p1, p2 (0/4 each); model 0/4 and 1/4 there.
  assert.equal(byLabel["0"].problems, 2);
  assert.equal(byLabel["0"].base_pass1, 0);
  assert.equal(byLabel["0"].models.m.pass1, 0.125);
  assert.equal(byLabel["0"].models.m.gain, 0.125);
  // Bucket 1: p3 (base 1/4, model 2/4).
  assert.equal(byLabel["1"].models.m.gain, 0.25);
  // Bucket 3: p4 (base 3/4, model 4/4). Bucket 4: p5 only, which the model lacks.
  assert.equal(byLabel["3"].models.m.gain, 0.25);
  assert.equal(byLabel["4"].models.m.pass1, null);
  assert.equal(byLabel["4"].models.m.missing, 1);
  assert.equal(byLabel["2"].problems, 0);
});
