import { test } from "node:test";
import assert from "node:assert/strict";
import { extractAnswer, type ExtractOptions } from "../../src/verify/extract-answer.ts";

const table: [string, ExtractOptions, string | null][] = [
  ["so $\\boxed{5}$.", {}, "5"],
  ["\\boxed{3} wrong, so \\boxed{\\frac{1}{2}}", {}, "\\frac{1}{2}"],
  ["\\boxed{\\{1,2\\}}", {}, "\\{1,2\\}"],
  ["\\boxed{\\boxed{7}}", {}, "7"],
  ["\\boxed{5}\\boxed{5}", {}, "5"],
  ["roots \\boxed{2} and \\boxed{3}", {}, "2, 3"],
  ["\\boxed{2}. Then much later: \\boxed{3}", {}, "3"],
  ["\\fbox{$x+1$}", {}, "x+1"],
  ["\\boxed 12 apples", {}, "12"],
  ["the answer is \\boxed{12", {}, "\\boxed{12"], // an unclosed box is no box; the phrase keeps it, and it will not parse
  ["<think>\\boxed{1}</think>so \\boxed{2}", {}, "2"],
  ["<think>\\boxed{1} and more", {}, null],
  ["<think>\\boxed{1} and more", { think: "ignore" }, "1"],
  ["The final answer is $\\frac{3}{4}$.", {}, "\\frac{3}{4}"],
  ["Answer: 3.5", {}, "3.5"],
  ["The answer is 12, since 5 + 7 = 12.", {}, "12"],
  ["blah\n#### 1,234", {}, "1,234"],
  ["So it is **-4**.", {}, "-4"],
  ["**Step 1:** 3 + 4 = 7", {}, "7"],
  ["we get 3/4 of them", {}, "3/4"],
  ["no numbers here", {}, null],
  ["\\frac{1}{2}", {}, "\\frac{1}{2}"],
  ["  x = \\sqrt{2}\n", {}, "x = \\sqrt{2}"],
  ["$(1, 2]$", {}, "(1, 2]"],
  ["\\frac{1}{2}", { extraction: "strict" }, null],
  ["The final answer is 42.", { extraction: "strict" }, null],
  ["so **42**", { extraction: "strict" }, null],
  ["so \\boxed{42}", { extraction: "strict" }, "42"],
];

test("extraction table", () => {
  for (const [response, options, want] of table) assert.equal(extractAnswer(response, options).answer, want, response);
});

test("the source of the answer and the reason for none are reported", () => {
  assert.equal(extractAnswer("\\boxed{1}").source, "boxed");
  assert.equal(extractAnswer("Answer: 1").source, "phrase");
  assert.equal(extractAnswer("it is 1").source, "last-number");
  assert.match(extractAnswer("it is 1", { extraction: "strict" }).reason!, /strict/);
  assert.match(extractAnswer("<think>1").reason!, /never closes/);
});

test("a 1 MB response is scanned quickly", () => {
  const t = performance.now();
  const r = extractAnswer("word ".repeat(200_000) + "\\boxed{9}");
  assert.equal(r.answer, "9");
  assert.ok(performance.now() - t < 500);
});
