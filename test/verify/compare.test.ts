import { test } from "node:test";
import assert from "node:assert/strict";
import { Budget } from "../../src/verify/budget.ts";
import { answersEqual } from "../../src/verify/compare.ts";
import { normalize } from "../../src/verify/normalize.ts";
import { resolveOptions, type CompareOptions } from "../../src/verify/options.ts";
import { parseLatex } from "../../src/verify/parse-latex.ts";
import { toAnswer } from "../../src/verify/to-answer.ts";

function eq(gold: string, pred: string, o: CompareOptions = {}): boolean {
  const read = (s: string) => toAnswer(parseLatex(normalize(s)));
  return answersEqual(read(gold), read(pred), { options: resolveOptions(o), budget: Budget.ms(1000) });
}

// [gold, prediction, options, expected]
const table: [string, string, CompareOptions, boolean][] = [
  ["\\frac13", "0.3333", {}, true],
  ["\\frac13", "0.3333", { roundingDigits: 5 }, false],
  ["\\frac13", "0.333", { roundingDigits: 3 }, true],
  ["\\frac13", "0.33", {}, false],
  ["\\sqrt2", "1.4142", {}, true],
  ["\\sqrt2", "1.4143", {}, false],
  ["2\\sqrt2", "\\sqrt8", {}, true],
  ["\\sqrt8", "2.8284271247461903", {}, true],
  ["50%", "0.5", {}, true],
  ["50%", "50", {}, true],
  ["50%", "0.5", { percent: "ignore" }, false],
  ["50%", "50", { percent: "value" }, false],
  ["50%", "0.5%", {}, false],
  ["[1,2)", "[1,2]", {}, false],
  ["(1,2)", "\\{1,2\\}", {}, false],
  ["\\{1,2\\}", "\\{2,1\\}", {}, true],
  ["(1,2)", "(2,1)", {}, false],
  ["x=3", "3", {}, true],
  ["3", "x=3", {}, true],
  ["x=3", "3x", {}, false],
  ["y=2x+1", "2x-y+1=0", {}, true],
  ["y=2x+1", "y=2x+2", {}, false],
  ["(-\\infty,3]", "x\\le3", {}, true],
  ["x\\le3", "(-\\infty,3]", {}, true],
  ["(-\\infty,3]", "x<3", {}, false],
  ["x^2-1", "(x-1)(x+1)", {}, true],
  ["|x|", "x", {}, false],
  ["\\pm2", "2", {}, false],
  ["2,-2", "\\pm2", {}, true],
  ["n=2,3,4", "n=1,2,3", {}, false],
  ["\\frac{1}{2004!}", "\\frac{1}{2006!}", {}, false],
  ["10^{10^{10^{10}}}", "10^{10^{10^{10}}}+1", {}, false],
  ["3+4i", "4i+3", {}, true],
  ["\\frac{\\pi}{2}", "90°", {}, true],
  ["30°", "30", {}, true],
  ["\\infty", "\\infty", {}, true],
  ["\\infty", "-\\infty", {}, false],
];

test("comparison table, gold first", () => {
  for (const [g, p, o, want] of table) assert.equal(eq(g, p, o), want, `${g} vs ${p} ${JSON.stringify(o)}`);
});

test("random-point evaluation tells apart expressions that agree only on positive points", () => {
  assert.equal(eq("\\sqrt{x^2}", "|x|"), true);
  assert.equal(eq("\\sqrt{x^2}", "x"), false);
  assert.equal(eq("x^3", "|x|^3"), false);
  assert.equal(eq("x^3", "x|x|^2"), true);
});
