import { test } from "node:test";
import assert from "node:assert/strict";
import { verify } from "../../src/verify/index.ts";

test("a verdict carries the status, the extracted answer, the gold as read and a reason", () => {
  const v = verify("\\boxed{\\frac12}", "so the answer is $\\boxed{0.5}$");
  assert.deepEqual({ ...v, ms: 0 }, { correct: true, status: "ok", predicted: "0.5", gold: "\\frac12", reason: "equivalent", ms: 0 });
  assert.ok(v.ms >= 0 && v.ms < 100);
  const w = verify("3", "\\boxed{4}");
  assert.equal(w.correct, false);
  assert.equal(w.status, "ok");
});

test("an unreadable gold is reported and never correct, even when the response says the same thing", () => {
  const v = verify("\\frac{1}{", "\\boxed{\\frac{1}{}");
  assert.equal(v.status, "gold_unparsed");
  assert.equal(v.correct, false);
  assert.match(v.reason, /gold answer unreadable/);
});

test("no answer and an unreadable answer are pred_unparsed with the extracted text", () => {
  assert.equal(verify("3", "I give up", { extraction: "strict" }).status, "pred_unparsed");
  const v = verify("3", "\\boxed{3 +}");
  assert.equal(v.status, "pred_unparsed");
  assert.equal(v.predicted, "3 +");
});

test("gold first: the asymmetries are the documented ones", () => {
  assert.equal(verify("3", "\\boxed{x = 3}").correct, true);
  assert.equal(verify("(-\\infty, 3]", "\\boxed{x \\le 3}").correct, true);
  assert.equal(verify("\\{1,2\\}", "\\boxed{1, 2}").correct, true);
  assert.equal(verify("1, 2", "\\boxed{\\{1,2\\}}").correct, true);
  assert.equal(verify("(1,2)", "\\boxed{1, 2}").correct, true);
  assert.equal(verify("1, 2", "\\boxed{(1,2)}").correct, false);
});

test("hostile inputs end inside the budget with correct:false and a reason", () => {
  const budget = 200;
  const hostile = [
    "x".repeat(1 << 20),
    "\\boxed{" + "x+".repeat(500_000) + "1}",
    "\\boxed{10^{10^{10^{10}}}}",
    "\\boxed{" + "{".repeat(5000) + "5" + "}".repeat(5000) + "}",
    "{".repeat(100_000),
    "\\boxed{" + "(".repeat(1000) + "5" + ")".repeat(1000) + "}",
    "\\boxed{99999999!}",
    "\\boxed{2^{2^{2^{2^{2^{2^{2}}}}}}}",
    "\\boxed{\\binom{100000}{50000}}",
    "\\boxed{1e999999}",
    "\\boxed{" + "\\sqrt{".repeat(300) + "2" + "}".repeat(300) + "}",
  ];
  for (const r of hostile) {
    const t = performance.now();
    const v = verify("5", r, { timeoutMs: budget });
    const ms = performance.now() - t;
    assert.equal(v.correct, false, r.slice(0, 30));
    assert.ok(v.reason.length > 0);
    assert.ok(ms < budget, `${r.slice(0, 30)} took ${ms.toFixed(0)} ms`);
  }
  assert.equal(verify("10^{10^{10^{10}}}", "\\boxed{10^{10^{10^{10}}}}").correct, true);
});

test("the cooperative budget turns a slow comparison into status timeout", () => {
  const slow = "\\boxed{\\max(" + Array(400).fill("3000!").join(",") + ")}";
  const v = verify("5", slow, { timeoutMs: 20 });
  assert.equal(v.status, "timeout");
  assert.ok(v.ms < 200, `${v.ms}`);
});
