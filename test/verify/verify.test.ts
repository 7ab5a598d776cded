import { test } from "node:test";
import assert from "node:assert/strict";
import { verify } from "../../src/verify/index.ts";
import { cpuMsSince } from "../helpers/cpu-time.ts";

/** fn's result, the CPU milliseconds it took (what a budget bounds) and its wall time. */
function onCpu<T>(fn: () => T): { value: T; cpuMs: number; wallMs: number } {
  const c = process.cpuUsage();
  const t = performance.now();
  const value = fn();
  const wallMs = performance.now() - t;
  return { value, cpuMs: cpuMsSince(c), wallMs };
}

test("a verdict carries the status, the extracted answer, the gold as read and a reason", () => {
  const { value: v, wallMs } = onCpu(() => verify("\\boxed{\\frac12}", "so the answer is $\\boxed{0.5}$"));
  assert.deepEqual({ ...v, ms: 0 }, { correct: true, status: "ok", predicted: "0.5", gold: "\\frac12", reason: "equivalent (gold: box; prediction: box)", ms: 0 });
  assert.ok(v.ms >= 0 && v.ms <= wallMs + 1, `the verdict's ${v.ms} ms against ${wallMs} ms measured around it`);
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
  assert.equal(verify("3", "I give up", { mode: "strict" }).status, "pred_unparsed");
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
    const { value: v, cpuMs } = onCpu(() => verify("5", r, { timeoutMs: budget }));
    assert.equal(v.correct, false, r.slice(0, 30));
    assert.ok(v.reason.length > 0);
    assert.ok(cpuMs < budget, `${r.slice(0, 30)} took ${cpuMs.toFixed(0)} ms of CPU`);
  }
  assert.equal(verify("10^{10^{10^{10}}}", "\\boxed{10^{10^{10^{10}}}}").correct, true);
});

test("the cooperative budget turns a slow comparison into status timeout", () => {
  const slow = "\\boxed{\\max(" + Array(400).fill("3000!").join(",") + ")}";
  const { value: v, cpuMs } = onCpu(() => verify("5", slow, { timeoutMs: 20 }));
  assert.equal(v.status, "timeout");
  assert.ok(cpuMs < 200, `${cpuMs} ms of CPU`);
});

test("the reason names the extraction path of both sides", () => {
  assert.equal(verify("4", "\\boxed{4}").reason, "equivalent (gold: as written; prediction: box)");
  assert.equal(verify("4", "So it is $4$.").reason, "equivalent (gold: as written; prediction: last math span)");
  assert.equal(verify("4", "it is 4").reason, "equivalent (gold: as written; prediction: last number)");
  assert.equal(verify("4", "The answer is 4.").reason, "equivalent (gold: as written; prediction: answer phrase)");
  assert.equal(verify("4", "答案：4").reason, "equivalent (gold: as written; prediction: local-language answer word)");
  assert.equal(verify("We get $x=4$, so the answer is $\\boxed{4}$.", "4").reason, "equivalent (gold: box; prediction: whole text)");
  assert.match(verify("So $x = 2+2 = 4$.", "4").reason, /gold: last math span/);
  assert.match(verify("Natalia sold 72 clips.\n#### 72", "72").reason, /gold: answer phrase/);
});

test("class 9: choice letters in every wrapping, and no choice followed by more math", () => {
  for (const p of ["\\boxed{C}", "\\boxed{(C)}", "\\boxed{\\text{(C)}}", "\\boxed{\\textbf{C}}", "The answer is **C**.", "The answer is (C) 15", "Answer: C. 15"]) assert.equal(verify("C", p).correct, true, p);
  for (const p of ["\\boxed{\\mathrm{C}*3}", "\\boxed{C = 4}", "\\boxed{C + 1}", "\\boxed{C_1}", "\\boxed{c}", "\\boxed{D}", "\\boxed{C \\cup D}", "\\boxed{C!}"]) assert.equal(verify("C", p).correct, false, p);
  assert.equal(verify("C", "\\boxed{(C) \\frac{1}{2}}").correct, true);
  assert.equal(verify("C", "Answer: (C) is wrong, the right choice is (D).").correct, false);
  assert.equal(verify("D", "Answer: (C) is wrong, the right choice is (D).").correct, true);
  assert.equal(verify("25\\%", "\\boxed{25 percent}").correct, true);
  assert.equal(verify("25\\%", "The percentage is $25$ percent.").correct, true);
  assert.equal(verify("25\\%", "\\boxed{35 percentage}").correct, false);
});

test("class 11: words on one side and letters on the other compare as words", () => {
  assert.equal(verify("no", "\\boxed{\\text{No}}").correct, true);
  assert.equal(verify("\\text{no}", "\\boxed{no}").correct, true);
  assert.equal(verify("yes", "\\boxed{\\text{no}}").correct, false);
});

test("class 4 and 6: a lone d,d is a decimal or a list, whichever the gold is", () => {
  assert.equal(verify("3.14", "\\boxed{3,14}").correct, true);
  assert.equal(verify("2,5", "\\boxed{2} and \\boxed{5}").correct, true);
  assert.equal(verify("2.5", "\\boxed{2,5}").correct, true);
  assert.equal(verify("3, 14", "\\boxed{3.14}").correct, false);
  assert.equal(verify("12500", "\\boxed{12,50}").correct, false);
  assert.equal(verify("312_4", "\\boxed{312}").correct, true);
  assert.equal(verify("312_4", "\\boxed{312_5}").correct, false);
});

test("class 13: listOrder ordered makes a bare list a sequence", () => {
  assert.equal(verify("1, 4, 9", "\\boxed{1, 9, 4}").correct, true);
  assert.equal(verify("1, 4, 9", "\\boxed{1, 9, 4}", { listOrder: "ordered" }).correct, false);
  assert.equal(verify("1, 4, 9", "\\boxed{1, 4, 9}", { listOrder: "ordered" }).correct, true);
});

test("huge values written differently are undecided, not 'not equal'; oxa verify writes correct: null for them", async () => {
  const v = verify("2^{10^7}", "\\boxed{4^{5\\cdot10^6}}");
  assert.equal(v.status, "undecided");
  assert.equal(v.correct, false);
  assert.match(v.reason, /too large to compare exactly/);
  assert.equal(verify("10^{10^{10}}", "\\boxed{10^{10^{10}}}").correct, true);
  assert.equal(verify("\\{1, 2^{10^7}\\}", "\\boxed{\\{2^{10^7}, 1\\}}").correct, true);
  assert.equal(verify("2^{10^7}", "\\boxed{5}").status, "ok");
  const { mkdtempSync, writeFileSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const { oxa, readJsonl } = await import("../helpers/oxa-cli.ts");
  const d = mkdtempSync(join(tmpdir(), "oxa-undecided-"));
  writeFileSync(join(d, "in.jsonl"), JSON.stringify({ gold: "2^{10^7}", response: ["\\boxed{4^{5\\cdot10^6}}", "\\boxed{2^{10^7}}"] }) + "\n");
  const r = oxa(["verify", join(d, "in.jsonl"), join(d, "out.jsonl"), "--json"]);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(readJsonl(join(d, "out.jsonl"))[0].correct, [null, true]);
  assert.equal(JSON.parse(r.stdout).undecided, 1);
});
