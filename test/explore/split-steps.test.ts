// Step splitting on a table of real-looking rationales of both styles: the expected steps are
// written out by hand, and every split must join back to the text byte for byte.
import { test } from "node:test";
import assert from "node:assert/strict";
import { chooseStyle, splitSteps, stepBody } from "../../src/explore/index.ts";

const GSM = "Natalia sold 48/2 = <<48/2=24>>24 clips in May.\nNatalia sold 48+24 = <<48+24=72>>72 clips altogether in April and May.\n#### 72";
const MATH =
  "We have $x^2 - 5x + 6 = 0$. Factoring gives $(x-2)(x-3) = 0$. " +
  "So the roots are $x = 2$ and $x = 3$, and we need their sum.\n" +
  "\\[ 2 + 3 = 5. \\]\n" +
  "Adding the two roots gives the requested sum directly. The answer is $\\boxed{5}$.";

const TABLE: { name: string; text: string; style?: "lines" | "math"; steps: string[]; opts?: object }[] = [
  { name: "GSM8K with calculator annotations and ####", text: GSM, steps: [
    "Natalia sold 48/2 = <<48/2=24>>24 clips in May.\n",
    "Natalia sold 48+24 = <<48+24=72>>72 clips altogether in April and May.\n",
    "#### 72",
  ] },
  { name: "reasoning tags are not steps (the built-in world's format)", text: "<think>\n34 / 2 = 17\n17 - 2 = 15\n</think>\nThe answer is \\boxed{15}.", style: "lines", steps: [
    "<think>\n34 / 2 = 17\n",
    "17 - 2 = 15\n</think>\n",
    "The answer is \\boxed{15}.",
  ] },
  { name: "a lone <think> at the end stays with the last step", text: "Step one.\n<think>\n", steps: ["Step one.\n<think>\n"] },
  { name: "single line", text: "The answer is 7.", steps: ["The answer is 7."] },
  { name: "blank lines and trailing whitespace stay with the step before", text: "\n\nFirst 2+2=4.\n\n\nThen 4*2=8.  \n \n", steps: ["\n\nFirst 2+2=4.\n\n\n", "Then 4*2=8.  \n \n"] },
  { name: "CRLF line ends", text: "He buys 3 pens.\r\nEach costs $2, so 3*2=6.\r\n\r\n#### 6\r\n", style: "lines", steps: ["He buys 3 pens.\r\n", "Each costs $2, so 3*2=6.\r\n\r\n", "#### 6\r\n"] },
  { name: "MATH: sentence-ending math, display math, short fragments merged, answer sentence alone", text: MATH, steps: [
    "We have $x^2 - 5x + 6 = 0$. ",
    "Factoring gives $(x-2)(x-3) = 0$. ",
    // the display (16 characters) is under 20: merged into the step before it
    "So the roots are $x = 2$ and $x = 3$, and we need their sum.\n\\[ 2 + 3 = 5. \\]\n",
    "Adding the two roots gives the requested sum directly. ",
    "The answer is $\\boxed{5}$.",
  ] },
  { name: "MATH: a multi-line display is never cut inside", text: "Expanding, we get\n\\[\na = 1 + 2 + 3 + 4 + 5 + 6\n\\]\nwhich simplifies to $a = 21$ after adding all terms.\nThus $\\boxed{21}$.", steps: [
    "Expanding, we get\n\\[\na = 1 + 2 + 3 + 4 + 5 + 6\n\\]\n",
    "which simplifies to $a = 21$ after adding all terms.\n",
    "Thus $\\boxed{21}$.",
  ] },
  { name: "MATH: at most maxSteps (the shortest merged into its shorter neighbour)", text: "Line one is here, long enough.\nLine two is here, long enough.\nLine three is here, long enough!\nLine four is also long enough.\nSo $\\boxed{4}$.", opts: { maxSteps: 3 }, steps: [
    "Line one is here, long enough.\nLine two is here, long enough.\n",
    "Line three is here, long enough!\nLine four is also long enough.\n",
    "So $\\boxed{4}$.",
  ] },
];

for (const row of TABLE) {
  test(`split: ${row.name}`, () => {
    const s = splitSteps(row.text, row.opts);
    assert.deepEqual(s.steps, row.steps);
    assert.equal(s.steps.join(""), row.text);
    if (row.style) assert.equal(s.style, row.style);
    for (const step of s.steps) assert.ok(stepBody(step).trim().length > 0, "no step is blank");
  });
}

test("auto: GSM8K marks or no LaTeX -> lines; LaTeX -> math", () => {
  assert.equal(chooseStyle(GSM), "lines");
  assert.equal(chooseStyle(MATH), "math");
  assert.equal(chooseStyle("Each costs $2, so 6 in all."), "math"); // a dollar sign reads as math: say lines for GSM8K money
  assert.equal(chooseStyle("First 2 + 2 = 4.\nThen 8."), "lines");
  assert.equal(chooseStyle("2 + 2 = 4\nThe answer is \\boxed{4}."), "lines"); // a final box alone is no MATH-style text
});

test("a blank rationale has no steps; the math thresholds are options", () => {
  assert.deepEqual(splitSteps("  \n\n").steps, []);
  assert.deepEqual(splitSteps("", { stepStyle: "math" }).steps, []);
  const t = "Short one.\nAnother short.\nSo $\\boxed{1}$.";
  assert.equal(splitSteps(t, { stepStyle: "math" }).steps.length, 2); // the two short lines merge
  assert.equal(splitSteps(t, { stepStyle: "math", minStepChars: 0, minStepShare: 0 }).steps.length, 3);
});
