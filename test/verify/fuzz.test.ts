// Fuzzing: random bytes, LaTeX token soup and mutated real cases, on both the gold and the response
// side. Nothing may throw, every verdict must be well-formed and every item must end in budget.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadCases } from "../../bench/verify/cases.ts";
import { verify } from "../../src/verify/index.ts";
import { cpuMsSince } from "../helpers/cpu-time.ts";

function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOKENS = ["\\frac", "{", "}", "^", "_", "1", "2", "0", "9", ".", "\\sqrt", "(", ")", "[", "]", "\\{", "\\}", "\\left(", "\\right)", "\\pm", "=", ",", "\\infty",
  "x", "y", "i", "e", "\\pi", "\\cdot", "!", "%", "\\%", "^\\circ", "\\begin{pmatrix}", "&", "\\\\", "\\end{pmatrix}", "\\boxed{", "10^{10^{", "\\text{", "cm", "|", "-", "+",
  "\\le", "<", "\\cup", "\\sin", "\\log_", "\\binom", "2004!", " ", "$", "</think>", "<think>", "Answer:", "**", "\\dfrac", "\\,", "{,}", "e5", "\\mathbb{R}"];

const VALID = new Set(["ok", "undecided", "timeout", "gold_unparsed", "pred_unparsed", "error"]);

test("10,000+ random and mutated inputs: no crash, well-formed verdicts, all within the budget", () => {
  const rnd = mulberry32(20240601);
  const int = (n: number) => Math.floor(rnd() * n);
  const cases = loadCases();
  const bytes = () => Array.from({ length: int(120) }, () => String.fromCharCode(int(rnd() < 0.9 ? 128 : 65536))).join("");
  const soup = () => Array.from({ length: 1 + int(40) }, () => TOKENS[int(TOKENS.length)]).join("");
  const mutate = (s: string) => {
    let t = s;
    for (let k = 1 + int(4); k > 0; k--) {
      const at = int(t.length + 1);
      const op = int(4);
      if (op === 0) t = t.slice(0, at) + t.slice(at + 1 + int(3));
      else if (op === 1) t = t.slice(0, at) + TOKENS[int(TOKENS.length)] + t.slice(at);
      else if (op === 2) t = t.slice(0, at) + t.slice(int(t.length)) + t.slice(at);
      else t = t.slice(0, at) + String.fromCharCode(int(256)) + t.slice(at);
    }
    return t;
  };
  const budget = 150;
  let worst = 0;
  let n = 0;
  const start = process.cpuUsage();
  for (; n < 10_500; n++) {
    const c = cases[int(cases.length)];
    const kind = n % 4;
    const response = kind === 0 ? bytes() : kind === 1 ? `\\boxed{${soup()}}` : mutate(c.response);
    const gold = kind === 3 ? mutate(c.gold) : rnd() < 0.2 ? soup() : c.gold;
    const t = process.cpuUsage();
    const v = verify(gold, response, { timeoutMs: budget, mode: rnd() < 0.5 ? "strict" : "lenient" });
    const ms = cpuMsSince(t);
    worst = Math.max(worst, ms);
    assert.ok(VALID.has(v.status), v.status);
    assert.equal(typeof v.correct, "boolean");
    assert.ok(v.predicted === null || typeof v.predicted === "string");
    assert.ok(typeof v.reason === "string" && v.reason.length > 0);
    assert.notEqual(v.status, "error", `${v.reason} for ${JSON.stringify(gold)} / ${JSON.stringify(response)}`);
    if (v.status !== "ok") assert.equal(v.correct, false);
    assert.ok(ms < budget, `${ms.toFixed(1)} ms for ${JSON.stringify(response).slice(0, 100)}`);
  }
  assert.ok(n >= 10_000);
  assert.ok(cpuMsSince(start) < 20_000, "the fuzz run itself stays fast");
  assert.ok(worst < budget);
});
