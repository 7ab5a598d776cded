import { test } from "node:test";
import assert from "node:assert/strict";
import { Budget } from "../../src/verify/budget.ts";
import { answersEqual } from "../../src/verify/compare.ts";
import { normalize } from "../../src/verify/normalize.ts";
import { resolveOptions, type CompareOptions } from "../../src/verify/options.ts";
import { parseLatex } from "../../src/verify/parse-latex.ts";
import { toAnswer } from "../../src/verify/to-answer.ts";
import { Undecided } from "../../src/verify/compare-scalars.ts";

/** Equal or not; an undecidable pair (values too large to evaluate) counts as not equal here. */
function eq(gold: string, pred: string, o: CompareOptions = {}): boolean {
  const read = (s: string) => toAnswer(parseLatex(normalize(s)));
  try {
    return answersEqual(read(gold), read(pred), { options: resolveOptions(o), budget: Budget.ms(1000) });
  } catch (e) {
    if (e instanceof Undecided) return false;
    throw e;
  }
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

// The classes of the held-out issue, at the comparison level (gold first).
const classes: [string, string, string, CompareOptions, boolean][] = [
  // 5: labels
  ["labels", "(4,1)", "(a,b)=(4,1)", {}, true],
  ["labels", "(4,1)", "(a,b)=(1,4)", {}, false],
  ["labels", "5", "|PQ|=5", {}, true],
  ["labels", "\\frac{2}{3}", "\\frac{AE}{EC}=\\frac{2}{3}", {}, true],
  ["labels", "3:8", "S_1:S_2=3:8", {}, true],
  ["labels", "6", "k = 2m = 6", {}, true],
  ["labels", "2", "2x = 4", {}, false],
  ["labels", "3", "x^2 = 9", {}, false],
  ["labels", "4", "x + 1 = 4", {}, false],
  ["labels", "9", "f(3) = 9", {}, true],
  ["labels", "|PQ| = 5", "5", {}, true],
  ["labels", "\\frac{3}{5}", "\\cos A = \\frac{3}{5}", {}, true],
  ["labels", "2", "f^{-1}(7) = 2", {}, true],
  ["labels", "2", "f^{2}(7) = 2", {}, false],
  // 6: ratios
  ["ratios", "3:8", "6:16", {}, true],
  ["ratios", "3:8", "8:3", {}, false],
  ["ratios", "3:8", "\\frac{3}{8}", {}, true],
  ["ratios", "1:2:3", "2:4:6", {}, true],
  ["ratios", "1:2:3", "1:3:2", {}, false],
  ["ratios", "3:45", "1:15", {}, false], // two clock-like answers compare part by part
  ["ratios", "3:45", "3:45", {}, true],
  ["ratios", "6:16", "3:8", {}, true],
  // 7: relations
  ["relations", "y \\le 4", "-y \\ge -4", {}, true],
  ["relations", "y \\le 4", "-y \\le -4", {}, false],
  ["relations", "x \\le 4", "2x \\le 8", {}, true],
  ["relations", "x > -2", "-2x < 4", {}, true],
  ["relations", "-4 \\le -2t \\le 6", "-3 \\le t \\le 2", {}, true],
  ["relations", "t \\in [-1,3]", "-1 \\le t \\le 3", {}, true],
  ["relations", "-1 \\le t \\le 3", "t \\in [-1,3)", {}, false],
  ["relations", "x \\le 4", "y \\le 4", {}, false],
  // 8: structures
  ["structures", "\\{(1,2),(2,1)\\}", "\\{(2,1),(1,2),(2,1)\\}", {}, true],
  ["structures", "\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}", "\\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}", {}, true],
  ["structures", "-2", "\\begin{vmatrix} 1 & 2 \\\\ 3 & 4 \\end{vmatrix}", {}, true],
  ["structures", "\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix}", "\\begin{vmatrix} 1 & 2 \\\\ 3 & 4 \\end{vmatrix}", {}, false],
  ["structures", "\\begin{pmatrix} 1 & 0 \\\\ 0 & 1 \\end{pmatrix}", "A^2 = \\begin{pmatrix} 1 & 0 \\\\ 0 & 1 \\end{pmatrix}", {}, true],
  // 10: computed chains and approximations
  ["chains", "15", "\\binom{6}{2} = 15", {}, true],
  ["chains", "15", "\\binom{6}{2} = 16", {}, false],
  ["chains", "3", "\\log_3 27 = 3", {}, true],
  ["chains", "1", "\\lim_{x\\to0}\\frac{\\tan x}{x} = 1", {}, true],
  ["chains", "3", "19 \\bmod 4 = 3", {}, true],
  ["chains", "720", "6! = 720", {}, true],
  ["chains", "\\frac{2}{5}", "\\frac{4}{10} = \\frac{2}{5}", {}, true],
  ["chains", "\\frac{\\sqrt2}{2}", "\\frac{\\sqrt{2}}{2} \\approx 0.707", {}, true],
  ["chains", "\\frac{\\sqrt2}{2} \\approx 0.707", "\\frac{\\sqrt{2}}{2}", {}, true],
  ["chains", "\\frac{\\sqrt2}{2}", "0.707", {}, false],
  ["chains", "0.707", "x \\approx 0.707", {}, true],
  // 13: ordered lists
  ["lists", "2, 5", "5, 2", {}, true],
  ["lists", "2, 5", "5, 2", { listOrder: "ordered" }, false],
  ["lists", "2, 5", "2, 5", { listOrder: "ordered" }, true],
  ["lists", "\\{2, 5\\}", "5, 2", { listOrder: "ordered" }, true],
  ["lists", "2, 5", "\\{5, 2\\}", { listOrder: "ordered" }, false],
  ["lists", "(2, 5)", "(5, 2)", {}, false],
];

test("held-out classes at the comparison level", () => {
  for (const [cls, gold, pred, o, want] of classes) assert.equal(eq(gold, pred, o), want, `${cls}: ${gold} vs ${pred}`);
});
