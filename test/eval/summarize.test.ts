import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readDetails } from "../../src/eval/problem-detail.ts";
import { summarize } from "../../src/eval/summarize.ts";
import { InputError } from "../../src/io/errors.ts";

const HAND = new URL("./fixtures/details-hand.jsonl", import.meta.url).pathname;
const close = (a: number | null, b: number, eps = 1e-12) => assert.ok(a !== null && Math.abs(a - b) < eps, `${a} vs ${b}`);

test("Pass@1, Pass@k, SE, lengths and entropy of a hand-made details file", async () => {
  const s = summarize(await readDetails(HAND));
  assert.equal(s.problems, 4);
  assert.equal(s.k, 4);
  assert.equal(s.samples, 16);
  // Correct samples 0 + 1 + 2 + 4 = 7 of 16.
  close(s["pass@1"], 7 / 16);
  // Three of the four problems have a correct sample.
  close(s["pass@4"], 3 / 4);
  // pass@2 per problem by hand: 0, 1 - C(3,2)/C(4,2) = 1/2, 1 - C(2,2)/C(4,2) = 5/6, 1.
  close(s["pass@2"], (0 + 1 / 2 + 5 / 6 + 1) / 4);
  // Per-problem rates 0, .25, .5, 1: squared deviations from .4375 sum to .546875.
  close(s["pass@1_se"], Math.sqrt(0.546875 / 3 / 4));
  assert.deepEqual(s.curve_ks, [1, 2, 4]);
  // Lengths sorted: 0 1 2 3 4 5 5 5 5 10 10 10 20 30 40 100 (sum 250).
  close(s.mean_length, 250 / 16);
  close(s.median_length, 5);
  // Token-weighted entropy: the null sample and the zero-length one drop out.
  const num = 1 * 100 + 2 * 20 + (0.5 * 100 + 1.5 * 10 + 1.0 * 10) + (0 * 6 + 4 * 4);
  const den = 100 + 20 + 120 + 10;
  close(s.entropy, num / den);
  close(s.truncated, 1 / 16);
});

test("bad details records name file, line and field", async () => {
  const dir = mkdtempSync(join(tmpdir(), "oxa-details-"));
  const p = join(dir, "bad.jsonl");
  writeFileSync(p, '{"id": "a", "n": 2, "correct": 1}\n{"id": "b", "n": 2, "correct": 3}\n');
  await assert.rejects(readDetails(p), (e: Error) => e instanceof InputError && /line 2/.test(e.message) && /correct/.test(e.message));
  writeFileSync(p, '{"id": "a", "n": 2, "correct": 1, "verdicts": [1, 1]}\n');
  await assert.rejects(readDetails(p), /line 1, field "verdicts"/);
  writeFileSync(p, '{"id": "a", "n": 2, "correct": 1}\n{"id": "a", "n": 2, "correct": 1}\n');
  await assert.rejects(readDetails(p), /line 2, field "id": problem id "a" appears twice/);
});

test("summarize refuses an empty list", () => {
  assert.throws(() => summarize([]), RangeError);
});
