import { test } from "node:test";
import assert from "node:assert/strict";
import { extractAnswer, lastMath, type ExtractOptions } from "../../src/verify/extract-answer.ts";
import { readGold } from "../../src/verify/gold-answer.ts";

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
  ["\\frac{1}{2}", { mode: "strict" }, null],
  ["The final answer is 42.", { mode: "strict" }, null],
  ["so **42**", { mode: "strict" }, null],
  ["so \\boxed{42}", { mode: "strict" }, "42"],
];

test("extraction table", () => {
  for (const [response, options, want] of table) assert.equal(extractAnswer(response, options).answer, want, response);
});

test("the source of the answer and the reason for none are reported", () => {
  assert.equal(extractAnswer("\\boxed{1}").source, "boxed");
  assert.equal(extractAnswer("Answer: 1").source, "phrase");
  assert.equal(extractAnswer("it is 1").source, "last-number");
  assert.equal(extractAnswer("it is $1$.").source, "last-math");
  assert.equal(extractAnswer("答案：1").source, "answer-word");
  assert.equal(extractAnswer("Réponse : 1").source, "answer-word");
  assert.equal(extractAnswer("So **1**.").source, "bold");
  assert.match(extractAnswer("it is 1", { mode: "strict" }).reason!, /strict/);
  assert.match(extractAnswer("<think>1").reason!, /never closes/);
});

test("a 1 MB response is scanned quickly", () => {
  const t = performance.now();
  const r = extractAnswer("word ".repeat(200_000) + "\\boxed{9}");
  assert.equal(r.answer, "9");
  assert.ok(performance.now() - t < 500);
});

// Class 2: no box. The careful reader's last math, not the last digit; strict mode still wants a box.
const noBox: [string, string | null][] = [
  ["Final Answer: The largest $k$ is 17.", "17"],
  ["…so the volume is $120$ cubic units.", "120"],
  ["the probability is\n\\[ \\frac{1}{2} \\]", "\\frac{1}{2}"],
  ["the probability is $\\frac{1}{2}$ (that is, 50 percent).", "\\frac{1}{2}"],
  ["the probability is $\\frac{5}{12}$, since there are $12$ outcomes.", "\\frac{5}{12}"],
  ["The roots are $x = 2$ and $x = -3$.", "x = 2, x = -3"],
  ["The solutions are $(1,2)$ or $(2,1)$.", "(1,2), (2,1)"],
  ["At first $V = 120$. Wait, the height is 7, so $V = 140$.", "V = 140"],
  ["There are 15 ways.", "15"],
  ["We try $x=5$ and it fails. So the system has no solution.", "no solution"],
  ["Total: 12 apples, computed via <<3*4=12>> above.", "12"],
  ["so $x = 4$.\nCheck: $2 \\cdot 4 + 3 = 11$.", "x = 4"],
  ["所以 $x=4$。\n验证：$2\\times4+3=11$，符合题意。", "x=4"],
  ["The roots are 2 and 3.", "2, 3"],
  ["Therefore the probability is $\\dfrac{2}{9}$, or about 22\\%.", "\\dfrac{2}{9}"],
  ["So the remainder is $3$ when $2^{100}$ is divided by 7.", "3"],
  ["She has 16 - 3 - 4 = 9 eggs left, and sells them for 9 * 2 = 18 dollars.", "18"],
];

test("class 2: the last math span or standalone number, as a careful reader finds it", () => {
  for (const [response, want] of noBox) assert.equal(extractAnswer(response).answer, want, response);
  for (const [response] of noBox) assert.equal(extractAnswer(response, { mode: "strict" }).answer, null, response);
});

// Class 14: digits inside words are no number.
test("class 14: a last-number fallback never takes digits out of a word", () => {
  for (const t of ["The code is XK7Q.", "Using H2O as the solvent.", "as shown in step3", "mp4 data", "Case1: fails", "the 4-step method", "COVID-19 data"]) assert.equal(lastMath(t), null, t);
  assert.equal(extractAnswer("She earned $\\$10$.").answer, "10");
  assert.equal(lastMath("The code is XK7Q, so 4 remain")?.answer, "4");
});

// Class 3: double-escaped LaTeX is undone before extraction.
test("class 3: double-escaped boxes, delimiters and commands", () => {
  assert.equal(extractAnswer("\\\\boxed{\\\\frac{3}{4}}").answer, "\\frac{3}{4}");
  assert.equal(extractAnswer("so \\\\(-2 \\\\leq x\\\\)").answer, "-2 \\leq x");
  assert.equal(extractAnswer("\\\\boxed{\\\\begin{pmatrix} 1 \\\\\\\\ 2 \\\\end{pmatrix}}").answer, "\\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}");
});

// Class 6: several boxes of one answer, also with a label in front of each.
test("class 6: boxes joined by separators and labels", () => {
  assert.equal(extractAnswer("$x=\\boxed{2}$ or $x=\\boxed{5}$").answer, "2, 5");
  assert.equal(extractAnswer("$x_1=\\boxed{2}$, $x_2=\\boxed{5}$").answer, "2, 5");
  assert.equal(extractAnswer("first \\boxed{2}. Then, after checking everything: \\boxed{5}").answer, "5");
});

// Class 12: answer words in other languages; non-Latin prose never makes a response unreadable.
const local: [string, string][] = [
  ["首先计算……答案：12", "12"],
  ["所以答案是13。", "13"],
  ["故答案为 $\\frac{3}{5}$。", "\\frac{3}{5}"],
  ["答：小明一共有20个苹果。", "20"],
  ["故选：B", "B"],
  ["Réponse : $\\frac{1}{2}$", "\\frac{1}{2}"],
  ["Donc la réponse est 5.", "5"],
  ["La respuesta es $x = 4$.", "x = 4"],
  ["Die Antwort lautet 100.", "100"],
  ["Ответ: 3", "3"],
  ["अतः उत्तर 7 है।", "7"],
  ["答えは 4 です。", "4"],
  ["정답은 4입니다.", "4"],
  ["因此，共有 $12$ 种方法。", "12"],
];

test("class 12: local-language answer words and prose in any script", () => {
  for (const [response, want] of local) assert.equal(extractAnswer(response).answer, want, response);
});

// Class 1: a gold written as a solution is read like a response, and says how.
const golds: [string, string, string][] = [
  ["\\frac{2}{3}", "\\frac{2}{3}", "as-written"],
  ["no solution", "no solution", "as-written"],
  ["\\boxed{5}", "5", "boxed"],
  ["We get $x = 4$. Thus the answer is $\\boxed{4}$.", "4", "boxed"],
  ["The sum of the roots is $5$. So the answer is 5.", "5", "phrase"],
  ["Natalia sold 48/2 = <<48/2=24>>24 clips.\n#### 72", "72", "phrase"],
  ["the answer is 250", "250", "phrase"],
  ["Hence the probability is $\\frac{4}{10} = \\frac{2}{5}$.", "\\frac{4}{10} = \\frac{2}{5}", "last-math"],
  ["So there are $\\binom{8}{3} = 56$ committees.", "\\binom{8}{3} = 56", "last-math"],
  ["故答案为 58。", "58", "answer-word"],
];

test("class 1: gold answers given as full solutions", () => {
  for (const [gold, answer, source] of golds) assert.deepEqual(readGold(gold), { answer, source }, gold);
});
