import { test } from "node:test";
import assert from "node:assert/strict";
import { loadCases, scoreCases } from "../../bench/verify/cases.ts";
import { verify } from "../../src/verify/index.ts";

const cases = loadCases();

test("the labelled case file covers every category with true and false cases", () => {
  assert.ok(cases.length >= 1200, `${cases.length} cases`);
  const cats = new Map<string, Set<boolean>>();
  for (const c of cases) cats.set(c.category, (cats.get(c.category) ?? new Set()).add(c.expected));
  for (const name of ["integers", "decimals", "scientific", "fractions", "rational-vs-decimal", "roots-powers", "constants", "trig", "percent", "degrees", "units-text", "formatting", "intervals", "sets-tuples", "lists", "matrices", "equations", "inequalities", "symbolic", "choice", "complex", "plus-minus", "huge", "extraction", "extraction-strict", "text",
    "gold-solution", "no-box", "double-escaped", "number-format", "labelled", "ratio-multi", "relations", "structures-text", "words", "equality-chain", "text-around", "multilingual", "ordered-lists", "false-match-traps"]) {
    assert.deepEqual([...(cats.get(name) ?? [])].sort(), [false, true], name);
  }
});

test("accuracy on the labelled cases is at least 99%, with no false match", () => {
  const verdicts = cases.map((c) => verify(c.gold, c.response, c.options ?? {}).correct);
  const { overall, categories, wrong } = scoreCases(cases, verdicts);
  const detail = wrong.map((c) => `${c.category}: ${c.gold} | ${c.response.slice(0, 80)} (expected ${c.expected})`).join("\n");
  assert.ok(overall.accuracy >= 0.99, `${(overall.accuracy * 100).toFixed(1)}%\n${detail}`);
  assert.equal(overall.falseMatches, 0, detail);
  for (const c of categories) assert.ok(c.accuracy >= 0.9, `${c.category}: ${c.right}/${c.cases}`);
});
