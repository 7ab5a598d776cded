import { test } from "node:test";
import assert from "node:assert/strict";
import { normalize } from "../../src/verify/normalize.ts";

const table: [string, string][] = [
  ["1,000,000", "1000000"],
  ["1\\,000", "1000"],
  ["1{,}000", "1000"],
  ["[1,100]", "[1,100]"],
  ["(0,100)", "(0,100)"],
  ["\\left( 1, 2 \\right]", "( 1, 2 ]"],
  ["\\left.\\frac12\\right.", "\\frac12"],
  ["\\dfrac{1}{2}", "\\frac{1}{2}"],
  ["30^\\circ", "30°"],
  ["30^{\\circ}", "30°"],
  ["30 degrees", "30°"],
  ["50\\%", "50%"],
  ["25 percent", "25%"],
  ["\\$5.00", "5.00"],
  ["5 \\text{ cm}^2", "5"],
  ["12 cm", "12"],
  ["7 square units", "7"],
  ["3\\,\\mathrm{m}", "3"],
  ["\\text{Monday}", "Monday"],
  ["\\operatorname{sin} x", "\\sin x"],
  ["\\begin{pmatrix}1\\\\ 2\\end{pmatrix}", "\\begin{pmatrix}1\\\\ 2\\end{pmatrix}"],
  ["3.", "3"],
  ["−3", "-3"],
  ["\\mathbb{R}", "(-\\infty,\\infty)"],
  ["2x + 3m", "2x + 3m"],
  ["0.\\overline{3}", "\\frac{3}{9}"],
  ["1.1\\overline{6}", "\\frac{105}{90}"],
  ["20^\\circ C", "20"],
];

test("normalization table", () => {
  for (const [input, want] of table) assert.equal(normalize(input), want, input);
});

import { joinNumberSpacing, numberReadings, stripBases } from "../../src/verify/number-format.ts";
import { undoDoubleEscapes } from "../../src/verify/unescape.ts";

test("class 3: double escapes are undone only where the text is double-escaped", () => {
  assert.equal(undoDoubleEscapes("\\\\frac{1}{2}"), "\\frac{1}{2}");
  assert.equal(undoDoubleEscapes("\\\\left( 1, 2 \\\\right)"), "\\left( 1, 2 \\right)");
  assert.equal(undoDoubleEscapes("\\\\begin{pmatrix} 1 \\\\\\\\ 2 \\\\end{pmatrix}"), "\\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}");
  // A genuine matrix row break stays; a mixed text only loses the doubled backslash before known commands.
  assert.equal(undoDoubleEscapes("\\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}"), "\\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}");
  assert.equal(undoDoubleEscapes("\\\\boxed{\\frac12}"), "\\boxed{\\frac12}");
  assert.equal(undoDoubleEscapes("plain 1 \\\\ 2"), "plain 1 \\\\ 2");
});

test("class 4: the decimal-comma rule and its edge cases", () => {
  const table: [string, string[]][] = [
    ["3,14", ["3.14", "3,14"]], // decimal or a list of two numbers
    ["2,5", ["2.5", "2,5"]],
    ["12,50", ["12.50", "12,50"]],
    ["0,125", ["0.125"]], // a first group of 0 is never thousands
    ["-0,5", ["-0.5"]],
    ["12,500", ["12,500"]], // three digits after a non-zero group: thousands (joined by normalize)
    ["3,141", ["3,141"]],
    ["2, 5", ["2, 5"]], // a space after the comma: only a list
    ["3,0", ["3.0", "3,0"]], // 3.0 or the pair: the same rule for every d,d
    ["2,50", ["2.50", "2,50"]],
    ["(1,5)", ["(1,5)"]],
  ];
  for (const [s, want] of table) assert.deepEqual(numberReadings(s), want, s);
  assert.equal(normalize("12,500"), "12500");
  assert.equal(normalize("0,125"), "0,125");
  assert.equal(normalize("12,\\!500"), "12500");
  assert.equal(joinNumberSpacing("12\\!500"), "12500");
  assert.equal(normalize("\\$1,250"), "1250");
});

test("class 4: base subscripts", () => {
  assert.deepEqual(stripBases("312_4"), { text: "312", bases: "4" });
  assert.deepEqual(stripBases("1011_{2}"), { text: "1011", bases: "2" });
  assert.deepEqual(stripBases("4_{10}"), { text: "4", bases: "10" });
  assert.deepEqual(stripBases("19_8"), { text: "19_8", bases: "" }); // 9 is no base-8 digit
  assert.deepEqual(stripBases("x_2"), { text: "x_2", bases: "" });
});

test("class 11: text around an answer", () => {
  const table: [string, string][] = [
    ["17\\text{ apples}", "17"],
    ["17\\text{ oranges}", "17"],
    ["7\\text{th}", "7"],
    ["3rd", "3"],
    ["42\\", "42"],
    ["5 \\text{ (the smallest)}", "5"],
    ["2 \\text{ and } 3", "2 and 3"],
    ["3 \\pi", "3 \\pi"],
    ["x_1 = 1 \\quadx_2 = 3", "x_1 = 1, x_2 = 3"],
    ["x_1=-2,\\ x_2=3", "x_1=-2, x_2=3"],
    ["\\{x \\mid x > 3\\}", "x > 3"],
    ["\\left\\{ x|x>1 \\right\\}", "x>1"],
    ["x=1或x=2", "x=1 or x=2"],
    ["6! = 720", "6! = 720"],
    ["a != b", "a \\ne b"],
  ];
  for (const [s, want] of table) assert.equal(normalize(s), want, s);
});
