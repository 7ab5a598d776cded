// The verifier's think option, its three modes side by side: after (read after the last </think>;
// an unclosed <think> has no answer; no tag at all is read whole), require (the same, but no
// </think> means no answer: the RL reward's rule) and ignore (read everything). The expected
// answers are written by hand from the rule, not computed by the code under test.
import assert from "node:assert/strict";
import { test } from "node:test";
import { extractAnswer, verify } from "../../src/verify/index.ts";

type Mode = "after" | "ignore" | "require";
// response, then the answer each mode must read (null = none)
const cases: [string, Record<Mode, string | null>][] = [
  ["<think>try \\boxed{1}</think> so \\boxed{2}", { after: "2", require: "2", ignore: "2" }],
  // several </think>: only the text after the last one counts
  ["<think>\\boxed{1}</think> hm \\boxed{3} <think>again</think> done: \\boxed{4}", { after: "4", require: "4", ignore: "4" }],
  ["<think>a</think> \\boxed{5} <think>b</think> nothing here", { after: null, require: null, ignore: "5" }],
  // a </think> with no opening tag (chat templates that put <think> in the prompt)
  ["the model thinks \\boxed{6} </think> \\boxed{7}", { after: "7", require: "7", ignore: "7" }],
  // unclosed <think>: no answer unless the tags are ignored
  ["<think>\\boxed{8} and then it ran out", { after: null, require: null, ignore: "8" }],
  // no tag at all: after reads it whole, require gives it no answer
  ["plainly \\boxed{9}", { after: "9", require: null, ignore: "9" }],
  ["", { after: null, require: null, ignore: null }],
];

test("extraction under each think mode", () => {
  for (const [response, want] of cases) {
    for (const think of ["after", "require", "ignore"] as const) {
      assert.equal(extractAnswer(response, { mode: "strict", think }).answer, want[think], `${think}: ${JSON.stringify(response)}`);
    }
  }
});

test("require names the missing </think> as the reason; an unclosed <think> keeps its own reason", () => {
  assert.match(extractAnswer("plainly \\boxed{9}", { think: "require" }).reason!, /no <\/think>/);
  assert.match(extractAnswer("<think>x \\boxed{9}", { think: "require" }).reason!, /never closes/);
});

test("verify: a correct answer without </think> is wrong only under require", () => {
  const r = "so \\boxed{\\frac{1}{2}}";
  assert.equal(verify("0.5", r, { think: "after" }).correct, true);
  assert.equal(verify("0.5", r, { think: "ignore" }).correct, true);
  const v = verify("0.5", r, { think: "require" });
  assert.equal(v.correct, false);
  assert.equal(v.status, "pred_unparsed");
  assert.equal(v.predicted, null);
  assert.equal(verify("0.5", "<think>half</think>" + r, { think: "require" }).correct, true);
});
