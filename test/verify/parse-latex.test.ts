import { test } from "node:test";
import assert from "node:assert/strict";
import { show } from "../../src/verify/ast.ts";
import { parseLatex } from "../../src/verify/parse-latex.ts";
import { ParseError } from "../../src/verify/parse-error.ts";

const table: [string, string][] = [
  ["\\frac12", "(1/2)"],
  ["\\frac{a}{b}", "(a/b)"],
  ["2\\frac{1}{2}", "(2+(1/2))"],
  ["2\\frac{x}{2}", "(2*(x/2))"],
  ["3x^2", "(3*(x^2))"],
  ["-x^2", "(-(x^2))"],
  ["2^{-1}", "(2^(-1))"],
  ["a/b/c", "((a/b)/c)"],
  ["\\sqrt[3]{8}", "root(8,3)"],
  ["\\sqrt2", "root(2,2)"],
  ["\\sin^2 x", "(sin(x)^2)"],
  ["\\sin^{-1} x", "arcsin(x)"],
  ["\\sin 2x", "sin((2*x))"],
  ["\\log_2 8", "log(8,2)"],
  ["\\ln(x+1)", "ln((x+1))"],
  ["n!", "factorial(n)"],
  ["\\binom{5}{2}", "binom(5,2)"],
  ["|x-1|", "abs((x-1))"],
  ["\\lfloor x \\rfloor", "floor(x)"],
  ["50%", "50%"],
  ["30°", "30°"],
  ["3\\pm\\sqrt2", "(3±root(2,2))"],
  ["[1,2)", "[1,2)"],
  ["(1,2,3)", "(1,2,3)"],
  ["(x+1)", "(x+1)"],
  ["\\{1,2\\}", "{1,2}"],
  ["\\emptyset", "{}"],
  ["(-\\infty,3]\\cup(4,5)", "((-oo),3]∪(4,5)"],
  ["x=3", "x=3"],
  ["1<x\\le2", "1<x<=2"],
  ["x \\in [0,1]", "x∈[0,1]"],
  ["x<1 or x>2", "x<1∪x>2"],
  ["1, 2, 3", "1,2,3"],
  ["\\begin{pmatrix}1&2\\\\3&4\\end{pmatrix}", "[1,2;3,4]"],
  ["3e5", "300000"],
  [".5", "(1/2)"],
  ["3+4i", "(3+(4*i))"],
  ["x_1+x_{2}", "(x_1+x_2)"],
  ["\\alpha\\beta", "(alpha*beta)"],
  ["Monday", "monday"],
];

test("parse table (canonical rendering)", () => {
  for (const [src, want] of table) assert.equal(show(parseLatex(src)), want, src);
});

test("unreadable input is a ParseError with a reason, never another exception", () => {
  for (const bad of ["", "\\frac{1}{", "((((1", "5 5", "\\unknown{1}", "@", "\\begin{foo}1\\end{foo}", "\\begin{pmatrix}1&2\\\\3\\end{pmatrix}", "1e99999", "(".repeat(5000)]) {
    assert.throws(() => parseLatex(bad), ParseError, bad.slice(0, 20));
  }
});
