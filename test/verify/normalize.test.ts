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
