// `oxa rft`: correct samples only (the one verifier), at most --per-problem per problem, no two kept
// samples of a problem near-duplicates (Jaccard recomputed here by hand), one per cluster of
// rewrites, seeded and byte-reproducible, independent of the other problems; bad input names the
// file, line and field.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { jaccard, normaliseRationale, tokenSet } from "../../src/explore/index.ts";
import { verify } from "../../src/verify/index.ts";
import { oxa, readJsonl, writeJsonl } from "../helpers/oxa-cli.ts";

const WORDS = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet"];
const Q1 = "A shop has 600 pens and gets 400 more. How many pens?";
const solution = (k: number) => `Approach ${WORDS[k]} ${WORDS[k]}x: we take 600 and add 400.\nThat makes 1,000 in total.\n#### 1000`;
/** Rewrites that are near-duplicates of template k: spacing and number format, or one extra word. */
const rewrites = (k: number) => [solution(k).replace("1,000", "1000").replace(/ /g, "  "), solution(k).replace("in total", "in total indeed")];

function rows() {
  const out: Record<string, unknown>[] = [];
  for (let k = 0; k < WORDS.length; k++) {
    out.push({ id: "p1", prompt: Q1, gold: "1000", response: solution(k) });
    for (const r of rewrites(k)) out.push({ id: "p1", prompt: Q1, gold: "1000", response: r });
    out.push({ id: "p1", prompt: Q1, gold: "1000", response: solution(k).replace(/1000$/, "999") }); // wrong
  }
  out.push({ id: "p2", prompt: "What is 2+2?", gold: "4", response: "2+2 = 5\n#### 5" });
  out.push({ id: "p3", prompt: "What is 3+3?", gold: 6, response: "3+3 = 6\n#### 6" });
  return out;
}

test("the measure: normalised text and token-set Jaccard, by hand", () => {
  assert.equal(normaliseRationale("He has 1,000  apples <<2*500=1000>> and 2.50 $.\n"), "he has 1000 apples and 2.5 $.");
  assert.equal(jaccard(tokenSet("a b c"), tokenSet("a b d")), 2 / 4);
  assert.equal(jaccard(tokenSet("x = 1,000"), tokenSet("X =  1000")), 1);
  assert.equal(jaccard(tokenSet(""), tokenSet("")), 1);
  assert.equal(jaccard(tokenSet(solution(0)), tokenSet(solution(1))) < 0.9, true);
  assert.equal(jaccard(tokenSet(solution(0)), tokenSet(rewrites(0)[1])) >= 0.9, true);
});

test("rft keeps correct samples, one per cluster, at most --per-problem, seeded and reproducible", () => {
  const dir = mkdtempSync(join(tmpdir(), "oxa-rft-"));
  const input = writeJsonl(join(dir, "samples.jsonl"), rows());
  const run = (out: string, ...extra: string[]) => {
    const r = oxa(["rft", input, join(dir, out), "--verify-workers", "1", "--json", ...extra]);
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout);
  };
  const s = run("a.jsonl");
  const kept = readJsonl(join(dir, "a.jsonl"));
  const src = rows();
  const correct = src.filter((r) => verify(String(r.gold), String(r.response)).correct);
  assert.equal(s.samples, src.length);
  assert.equal(s.correct, correct.length);
  assert.equal(correct.length, 31); // 10 templates x 3 forms, and p3
  const p1 = kept.filter((r) => r.problem_id === "p1");
  assert.equal(p1.length, 8);
  assert.deepEqual(kept.filter((r) => r.problem_id !== "p1").map((r) => [r.problem_id, r.response]), [["p3", "3+3 = 6\n#### 6"]]);
  for (const r of kept) {
    assert.equal(verify(r.gold, r.response).correct, true);
    assert.equal(r.loss_type, 0);
    assert.equal(r.prompt, src[Number(r.id) - 1].prompt);
    assert.equal(r.response, src[Number(r.id) - 1].response); // id = the input line
  }
  const clusters = p1.map((r) => WORDS.findIndex((w) => new RegExp(`${w}\\s+${w}x`).test(r.response)));
  assert.equal(new Set(clusters).size, 8, "one sample per cluster of rewrites");
  assert.equal(s.dropped.nearDuplicate + s.dropped.overCap + s.kept, s.correct - s.blank);
  // the same seed gives the same bytes; another seed another choice; other problems do not matter
  run("b.jsonl");
  assert.equal(readFileSync(join(dir, "b.jsonl"), "utf8"), readFileSync(join(dir, "a.jsonl"), "utf8"));
  run("c.jsonl", "--seed", "7");
  assert.notDeepEqual(readJsonl(join(dir, "c.jsonl")).map((r) => r.response), kept.map((r) => r.response));
  const only = writeJsonl(join(dir, "only-p1.jsonl"), src.filter((r) => r.id === "p1"));
  const r = oxa(["rft", only, join(dir, "d.jsonl"), "--verify-workers", "1"]);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(readJsonl(join(dir, "d.jsonl")).map((x) => x.response), p1.map((x) => x.response));
  // the list shape of `oxa sample` (one row per prompt, responses: [...]) gives the same choice
  const lists = ["p1", "p2", "p3"].map((id) => {
    const of = src.filter((r) => r.id === id);
    return { id, prompt: of[0].prompt, gold: of[0].gold, responses: of.map((r) => r.response) };
  });
  const l = oxa(["rft", writeJsonl(join(dir, "lists.jsonl"), lists), join(dir, "e.jsonl"), "--verify-workers", "1"]);
  assert.equal(l.status, 0, l.stderr);
  const fromLists = readJsonl(join(dir, "e.jsonl"));
  assert.deepEqual(fromLists.map((x) => x.response), kept.map((x) => x.response));
  assert.ok(fromLists.every((x) => /^[1-3]#\d+$/.test(x.id)));
});

test("rft: bad input names file, line and field", () => {
  const dir = mkdtempSync(join(tmpdir(), "oxa-rft-"));
  const input = writeJsonl(join(dir, "bad.jsonl"), [{ prompt: "q", gold: "1", response: "1" }, { prompt: "q", response: "1" }]);
  const r = oxa(["rft", input, join(dir, "o.jsonl")]);
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /bad\.jsonl, line 2, field "gold": missing field/);
});
