// Pair rules on hand-made explore rows: the shortest correct completion that ended by itself is
// chosen, never reused within a problem; pit 1 takes an RFT sample; a pit on the answer line keeps a
// non-empty rejected step; no pit or no chosen: no pair; no empty side; duplicates once; outcome
// pairs seeded. Then the command: files, exports, statistics, chart and bad input.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildPairs, type ExploredRow, type RftRow } from "../../src/explore/index.ts";
import { oxa, readJsonl, writeJsonl } from "../helpers/oxa-cli.ts";
import { tinyModel } from "../helpers/tiny-model.ts";

const QP = "Pat has 3 bags of 4 apples. How many apples?";
const STEPS = ["Pat has 3 bags.\n", "Each bag has 5 apples, so 3 * 5 = 15.\n", "#### 15"];
const c = (text: string, correct: boolean, finish_reason: "stop" | "length" = "stop") => ({ text, correct, finish_reason });
const STEP1 = [c("Each bag has 4 apples, so 3 * 4 = 12.\n#### 12", true), c("3*4=12\n#### 12", true), c("#### 7", false), c("12\n#### 12", true, "length")];
const row = (id: string, pit: number | null, over: Partial<ExploredRow> = {}): ExploredRow => ({
  id,
  problem_id: "P",
  prompt: QP,
  rationale: STEPS.join(""),
  steps: STEPS,
  pit,
  explored: [
    { step: 1, completions: STEP1 },
    { step: 2, completions: [c("#### 15", false), c("#### 15", false)] },
    { step: 3, completions: [c("", false), c("", false)] },
  ].slice(0, pit ?? 3),
  ...over,
});
const RFT: RftRow[] = [
  { id: "s1", problem_id: "P", prompt: QP, response: "3 * 4 = 12\n#### 12" },
  { id: "s2", problem_id: "P", prompt: QP, response: "Three bags of four: 12.\n#### 12" },
];

function explored(): ExploredRow[] {
  const answerLine = row("r6", 3, { explored: [{ step: 1, completions: STEP1 }, { step: 2, completions: [c("\n#### 12", true)] }, { step: 3, completions: [c("", false)] }] });
  return [
    row("r1", 2),
    row("r2", 2), // same prefix: must take the next shortest
    row("r3", 2), // every correct completion now used: no pair
    row("r4", 1),
    row("r5", null),
    answerLine,
    row("q1", 1, { problem_id: "Q", prompt: "Q?" }), // pit 1 with no RFT sample of Q: no pair
    row("r8", 2, { explored: [{ step: 1, completions: [c("  \n", true)] }, { step: 2, completions: [c("x", false)] }] }), // only a blank correct completion
  ];
}

test("step pairs: shortest unused correct completion, pit 1 from RFT, answer-line pit, no empty side", () => {
  const { pairs, counts } = buildPairs(explored(), RFT, { kinds: "step", seed: 0 });
  const by = Object.fromEntries(pairs.map((p) => [p.id, p]));
  assert.deepEqual(Object.keys(by), ["step-r1", "step-r2", "step-r4", "step-r6"]);
  // the "length" completion (12 characters) is shorter but did not end by itself: never chosen
  assert.equal(by["step-r1"].chosen, "3*4=12\n#### 12");
  assert.equal(by["step-r2"].chosen, "Each bag has 4 apples, so 3 * 4 = 12.\n#### 12");
  for (const id of ["step-r1", "step-r2"]) {
    assert.equal(by[id].prefix, "Pat has 3 bags.\n");
    assert.equal(by[id].rejected, "Each bag has 5 apples, so 3 * 5 = 15."); // step 2 alone, separator cut
    assert.equal(by[id].rejected_eos, false);
    assert.equal(by[id].pit_step, 2);
  }
  assert.equal(by["step-r4"].prefix, "");
  assert.equal(by["step-r4"].rejected, "Pat has 3 bags.");
  assert.ok(RFT.some((r) => r.response === by["step-r4"].chosen));
  assert.deepEqual([by["step-r6"].prefix, by["step-r6"].rejected, by["step-r6"].chosen], [STEPS[0] + STEPS[1], "#### 15", "\n#### 12"]);
  assert.deepEqual(counts, { step: 4, outcome: 0, noPit: 1, noChosen: 3, duplicates: 0 });
  for (const p of pairs) {
    assert.ok(p.chosen.trim() && p.rejected.trim(), `${p.id} has an empty side`);
    assert.equal(p.prefix + p.rejected, STEPS.join("").slice(0, (p.prefix + p.rejected).length), "prefix + rejected is the rationale as written");
  }
});

test("outcome pairs: every RFT sample with a distinct wrong rationale of its problem, seeded; duplicates once", () => {
  const rows = explored();
  const a = buildPairs(rows, RFT, { kinds: "outcome", seed: 0 }).pairs;
  assert.equal(a.length, 2); // all P's wrong rationales have the same text: pairs differ by chosen only
  assert.deepEqual(a.map((p) => p.chosen), RFT.map((r) => r.response));
  for (const p of a) assert.deepEqual([p.prefix, p.rejected, p.rejected_eos, p.kind], ["", STEPS.join(""), true, "outcome"]);
  // with distinct wrong rationales the choice depends on the seed, and repeats for the same seed
  const distinct = rows.filter((r) => r.problem_id === "P").map((r, i) => ({ ...r, rationale: r.rationale + ` (${i})`, steps: [...r.steps.slice(0, -1), r.steps[2] + ` (${i})`] }));
  const pick = (seed: number) => buildPairs(distinct, RFT, { kinds: "outcome", seed }).pairs.map((p) => p.id).join();
  assert.equal(pick(1), pick(1));
  assert.ok([2, 3, 4, 5, 6].some((s) => pick(s) !== pick(1)), "another seed, another choice");
  assert.equal(new Set(buildPairs(distinct, RFT, { kinds: "outcome", seed: 3 }).pairs.map((p) => p.rejected)).size, 2, "no wrong rationale reused while others are left");
  // an explored row repeated under another id gives the same step pair: written once
  const dup = buildPairs([rows[0], { ...rows[3], id: "r4" }, { ...rows[3], id: "r4b" }], [RFT[0]], { kinds: "step", seed: 0 });
  assert.equal(dup.counts.duplicates, 1);
});

test("oxa pairs: pairs file, messages export, statistics, chart; bad input names file, line and field", async () => {
  const dir = mkdtempSync(join(tmpdir(), "oxa-pairs-"));
  const ex = writeJsonl(join(dir, "explored.jsonl"), explored());
  const rft = writeJsonl(join(dir, "rft.jsonl"), RFT.map((r) => ({ ...r, loss_type: 0 })));
  const r = oxa(["pairs", ex, join(dir, "pairs.jsonl"), "--rft", rft, "--messages", join(dir, "m.jsonl"), "--json"]);
  assert.equal(r.status, 0, r.stderr);
  const s = JSON.parse(r.stdout);
  assert.deepEqual([s.step, s.outcome, s.noPit, s.noChosen, s.rationales], [4, 2, 1, 3, 8]);
  assert.deepEqual(s.pits, { 1: 2, 2: 4, 3: 1 });
  const pairs = readJsonl(join(dir, "pairs.jsonl"));
  const m = readJsonl(join(dir, "m.jsonl"));
  assert.equal(m.length, pairs.length);
  m.forEach((x, i) => {
    assert.deepEqual(x.prompt, [{ role: "user", content: pairs[i].prompt }]);
    assert.equal(x.chosen[0].content, pairs[i].prefix + pairs[i].chosen);
    assert.equal(x.rejected[0].content, pairs[i].prefix + pairs[i].rejected);
  });
  const svg = readFileSync(join(dir, "pairs.pits.svg"), "utf8");
  assert.match(svg, /^<svg/);
  assert.equal((svg.match(/<rect x=/g) ?? []).length, 4); // steps 1..3 and "none"
  assert.ok(existsSync(join(dir, "pairs.stats.json")));
  // same inputs, same bytes
  const again = oxa(["pairs", ex, join(dir, "pairs2.jsonl"), "--rft", rft]);
  assert.equal(again.status, 0, again.stderr);
  assert.equal(readFileSync(join(dir, "pairs2.jsonl"), "utf8"), readFileSync(join(dir, "pairs.jsonl"), "utf8"));

  const bad = writeJsonl(join(dir, "bad.jsonl"), [explored()[0], { ...explored()[1], steps: undefined }]);
  const b = oxa(["pairs", bad, join(dir, "p3.jsonl")]);
  assert.equal(b.status, 2, b.stderr);
  assert.match(b.stderr, /bad\.jsonl, line 2, field "steps"/);
  const torn = writeJsonl(join(dir, "torn.jsonl"), [{ ...explored()[0], steps: ["Pat has 3 bags.\n"] }]);
  const t = oxa(["pairs", torn, join(dir, "p4.jsonl")]);
  assert.equal(t.status, 2, t.stderr);
  assert.match(t.stderr, /torn\.jsonl, line 1, field "steps": steps do not join to the rationale/);
  const noModel = oxa(["pairs", ex, join(dir, "p5.jsonl"), "--trl", join(dir, "t.jsonl")]);
  assert.equal(noModel.status, 2);
  assert.match(noModel.stderr, /--trl needs --model/);
});

test("oxa pairs --trl: prompt = the chat-formatted question + prefix", async () => {
  const model = await tinyModel();
  const dir = mkdtempSync(join(tmpdir(), "oxa-pairs-"));
  const ex = writeJsonl(join(dir, "explored.jsonl"), explored());
  const r = oxa(["pairs", ex, join(dir, "pairs.jsonl"), "--kinds", "step", "--trl", join(dir, "trl.jsonl"), "--model", model]);
  assert.equal(r.status, 0, r.stderr);
  const pairs = readJsonl(join(dir, "pairs.jsonl"));
  const trl = readJsonl(join(dir, "trl.jsonl"));
  assert.equal(trl.length, pairs.length);
  const head = trl[0].prompt.slice(0, trl[0].prompt.length - pairs[0].prefix.length);
  assert.ok(head.includes(QP) && head !== QP, "the question inside its chat template");
  trl.forEach((t, i) => {
    assert.equal(t.prompt, head + pairs[i].prefix);
    assert.deepEqual([t.chosen, t.rejected], [pairs[i].chosen, pairs[i].rejected]);
  });
});
