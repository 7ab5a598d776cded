// The first-pit search through `runExplore` with a scripted Generator and the real verifier,
// checked against a brute-force reference (every step of every rationale explored, verdicts from
// the synchronous verify(), the first all-wrong step taken): pit at the first step, in the middle,
// on the answer line, none found, every completion unparseable; batching by rounds; resume after a
// kill gives the same bytes without regenerating finished (rationale, step) work.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { exploreConfig, judgedText, runExplore, splitSteps } from "../../src/explore/index.ts";
import { verify } from "../../src/verify/index.ts";
import { noProgress } from "../../src/io/progress.ts";
import { readJsonl, writeJsonl } from "../helpers/oxa-cli.ts";
import { scriptedGenerator, type Script } from "./fake-generator.ts";

const K = 4;
const Q = {
  a: "Tom has 20 apples and buys 22 more. How many apples?",
  b: "A box holds 6 rows of 7 eggs. How many eggs?",
  c: "Sam reads 14 pages a day for 3 days. How many pages?",
  d: "Ann has 50 dollars and spends 8. How much is left?",
  e: "What is 40 plus 2?",
  f: "Six bags of 7 marbles: how many marbles?",
};
const SAMPLES = [
  // pit at step 1: nothing from "20 - 22" ever reaches 42
  { id: "a", prompt: Q.a, gold: "42", response: "Tom has 20 - 22 = <<20-22=-2>>-2 apples.\nSo he has -2 apples.\n#### -2" },
  // a correct sample: verified and not explored
  { id: "a", prompt: Q.a, gold: "42", response: "Tom has 20 + 22 = <<20+22=42>>42 apples.\n#### 42" },
  // pit in the middle (step 2)
  { id: "b", prompt: Q.b, gold: "42", response: "There are 6 rows.\nEach row has 7 eggs, so 6 + 7 = <<6+7=13>>13.\nThe box holds 13 eggs.\n#### 13" },
  // pit on the answer line (step 3): every earlier prefix still leads to 42
  { id: "c", prompt: Q.c, gold: "42", response: "Sam reads 14 pages a day.\nIn 3 days he reads 14 * 3 = <<14*3=42>>42 pages.\n#### 41" },
  // no pit: a truncated rationale whose every prefix can still be completed correctly
  { id: "d", prompt: Q.d, gold: "42", response: "Ann starts with 50 dollars.\nShe spends 8 dollars, so 50 - 8" },
  // the gold is an intermediate result of step 1; completions that stop without an answer must not
  // count as reaching it (prefix + completion would, by the lenient reader's last number): pit at step 1
  { id: "f", prompt: Q.f, gold: "42", response: "First 6 * 7 = <<6*7=42>>42 marbles.\nThen he loses 2, so 40 are left.\n#### 40" },
  // every completion fails to parse (an unreadable box): pit at step 1
  { id: "e", prompt: Q.e, gold: "42", response: "We add the numbers \\boxed{40+}\n" },
];

/** Completions by (question, prefix): correct ones state 42, wrong ones another number. */
const script: Script = (q, prefix) => {
  const lines = prefix.split("\n").filter(Boolean).length;
  const right = "\n#### 42";
  const wrong = (n: number) => `\n#### ${n}`;
  if (q === Q.a) return [wrong(-2), wrong(2), wrong(-2), wrong(0)];
  if (q === Q.b) return lines === 1 ? [wrong(13), right, wrong(48), wrong(13)] : [wrong(13), wrong(13), wrong(14), wrong(12)];
  if (q === Q.c) return lines < 3 ? [right, wrong(41), right, wrong(40)] : ["", "", " ", ""];
  if (q === Q.d) return [wrong(58), right, wrong(50), right].map((t) => (lines === 2 ? " = 42" + t : t));
  if (q === Q.e) return Array(K).fill(" so the answer is \\boxed{\\frac{}.");
  if (q === Q.f) return ["", "", " and so on", "\n"];
  throw new Error("no script for " + q);
};

/** Brute force: explore every step, verdicts from the synchronous verifier, the first all-wrong step. */
function referencePit(s: (typeof SAMPLES)[number]): { pit: number | null; correctByStep: boolean[][] } {
  const steps = splitSteps(s.response).steps;
  const correctByStep = steps.map((_, i) => {
    const prefix = steps.slice(0, i + 1).join("");
    // the answer must come from the completion (first-pit-search.ts judgedText; no <think> here)
    return script(s.prompt, prefix).map((c) => verify(s.gold, c).correct);
  });
  const first = correctByStep.findIndex((v) => v.every((x) => !x));
  return { pit: first < 0 ? null : first + 1, correctByStep };
}

const config = (dir: string, input: string) => exploreConfig.parse({ input, out: join(dir, "explored.jsonl"), model: join(dir, "no-model"), k: K, verifyWorkers: 1 });

test("first pits equal a brute-force search; early stop; one generator call per round", async () => {
  const dir = mkdtempSync(join(tmpdir(), "oxa-explore-"));
  const input = writeJsonl(join(dir, "samples.jsonl"), SAMPLES);
  const fake = scriptedGenerator(script);
  const r = await runExplore(config(dir, input), { progress: noProgress, generate: fake.generate });
  const rows = readJsonl(join(dir, "explored.jsonl"));
  const wrong = SAMPLES.filter((_, i) => i !== 1);
  assert.deepEqual(rows.map((x) => x.id), ["1", "3", "4", "5", "6", "7"]);
  const expected = wrong.map(referencePit);
  assert.deepEqual(rows.map((x) => x.pit), expected.map((e) => e.pit));
  assert.deepEqual(rows.map((x) => x.pit), [1, 2, 3, null, 1, 1]); // the cases the table is meant to hold
  // the case f guards against: read with its prefix, an empty completion would "reach" the gold
  assert.equal(verify("42", splitSteps(SAMPLES[5].response).steps[0] + "").correct, true);
  rows.forEach((row, i) => {
    assert.equal(row.steps.join(""), wrong[i].response);
    const n = expected[i].pit ?? row.steps.length; // early stop: nothing explored after the pit
    assert.equal(row.explored.length, n);
    assert.deepEqual(row.explored.map((e: any) => e.completions.map((c: any) => c.correct)), expected[i].correctByStep.slice(0, n));
  });
  assert.equal(r.samples.correct, 1);
  assert.deepEqual(r.pits, { 1: 3, 2: 1, 3: 1 });
  assert.equal(r.noPit, 1);
  // rounds: all six open at step 1; b, c, d at 2; c alone at 3 (a, e and f stopped at their pit, d has two steps)
  assert.deepEqual(fake.calls, [["1@1", "3@1", "4@1", "5@1", "6@1", "7@1"], ["3@2", "4@2", "5@2"], ["4@3"]]);
  assert.equal(r.completions.generated, 10 * K);
  assert.equal(existsSync(join(dir, "explored.jsonl.work")), false);
});

test("a run killed after a round resumes without regenerating finished steps, to the same bytes", async () => {
  const whole = mkdtempSync(join(tmpdir(), "oxa-explore-"));
  await runExplore(config(whole, writeJsonl(join(whole, "samples.jsonl"), SAMPLES)), { progress: noProgress, generate: scriptedGenerator(script).generate });
  const dir = mkdtempSync(join(tmpdir(), "oxa-explore-"));
  const input = writeJsonl(join(dir, "samples.jsonl"), SAMPLES);
  const killed = scriptedGenerator(script, { failOnCall: 2 });
  await assert.rejects(runExplore(config(dir, input), { progress: noProgress, generate: killed.generate }), /killed/);
  assert.equal(existsSync(join(dir, "explored.jsonl")), false);
  const again = scriptedGenerator(script);
  const r = await runExplore(config(dir, input), { progress: noProgress, generate: again.generate });
  assert.equal(r.completions.resumedSteps, 6);
  assert.equal(r.completions.generated, 4 * K);
  assert.ok(again.calls.flat().every((id) => !id.endsWith("@1")), "step 1 was not asked for again");
  assert.equal(readFileSync(join(dir, "explored.jsonl"), "utf8"), readFileSync(join(whole, "explored.jsonl"), "utf8"));
});

test("a completion inside an open <think> must close it to have an answer (--verify-think after)", () => {
  const prefix = "<think>\n6 * 7 = 42\n";
  assert.equal(verify("42", judgedText(prefix, "so 42\n</think>\nThe answer is \\boxed{42}.")).correct, true);
  assert.equal(verify("42", judgedText(prefix, "so 42 and")).correct, false);
  assert.equal(judgedText("<think>\na\n</think>\n", "x"), "x");
  assert.equal(judgedText("", "x"), "x");
});
