// verify(gold, response): extract the response's final answer, normalize and parse both sides the
// same way, and compare them gold first. Never throws: every failure is a verdict with a status and
// a reason. A gold answer that cannot be read is never scored correct (status gold_unparsed), so
// dataset bugs surface instead of inflating scores.
import { Budget, BudgetExceeded } from "./budget.ts";
import { answersEqual, shapeName } from "./compare.ts";
import { extractAnswer, stripDelimiters } from "./extract-answer.ts";
import { lastBoxes } from "./find-boxed.ts";
import { normalize } from "./normalize.ts";
import { resolveOptions, type ResolvedOptions, type VerifyOptions } from "./options.ts";
import { parseLatex } from "./parse-latex.ts";
import { ParseError } from "./parse-error.ts";
import { toAnswer, type Answer } from "./to-answer.ts";

export type VerdictStatus = "ok" | "timeout" | "gold_unparsed" | "pred_unparsed" | "error";

export interface Verdict {
  correct: boolean;
  status: VerdictStatus;
  /** The extracted final answer as written in the response, or null when none was found. */
  predicted: string | null;
  /** The gold answer as read (the content of its box when it has one). */
  gold: string;
  reason: string;
  ms: number;
}

/** A read answer: math, a multiple-choice letter, or words ("Monday", "no solution"). */
type Read = { k: "math"; a: Answer } | { k: "choice"; letter: string } | { k: "text"; text: string };

const CHOICE = /^\(?([A-E])\)?$/;
const PRED_CHOICE = /^(?:\\text\{)?\(?([A-E])\)?(?:$|[\s.:)}])/;
const TEXT = /^[A-Za-z][A-Za-z\s',.-]*$/;

/** Words, not math: several words, or one that was wrapped in \text{} or is too long to be a product of variables. */
function isText(raw: string, s: string): boolean {
  return TEXT.test(s) && (/\s/.test(s) || /[A-Za-z]{4,}/.test(s) || /^\s*\\(?:text|mbox|textbf|mathrm)\s*\{[A-Za-z\s]+\}\s*$/.test(raw));
}
const canonicalText = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, " ").replace(/^(?:the|a|an) /, "").trim();

/** Reads one side; `gold` (when given) is the already-read gold, which decides how words are taken. */
function read(raw: string, o: ResolvedOptions, budget: Budget, gold?: Read): Read {
  if (raw.length > o.maxAnswerLength) throw new ParseError(`answer longer than ${o.maxAnswerLength} characters`);
  const s = normalize(raw);
  if (gold?.k === "choice") {
    const m = PRED_CHOICE.exec(s);
    if (m) return { k: "choice", letter: m[1] };
  }
  if (isText(raw, s) || (gold?.k === "text" && TEXT.test(s))) return { k: "text", text: canonicalText(s) };
  return { k: "math", a: toAnswer(parseLatex(s, budget)) };
}

function goldText(gold: string): string {
  const boxes = gold.includes("\\boxed") || gold.includes("\\fbox") ? lastBoxes(gold) : null;
  return stripDelimiters(boxes ? boxes.join(", ") : gold);
}

function decide(g: Read, p: Read, o: ResolvedOptions, budget: Budget): { correct: boolean; reason: string } {
  if (g.k === "choice") return p.k === "choice" && p.letter === g.letter ? { correct: true, reason: "same choice" } : { correct: false, reason: "a different choice" };
  if (g.k === "text" || p.k === "text") {
    const same = g.k === "text" && p.k === "text" && g.text === p.text;
    return { correct: same, reason: same ? "same text" : "different text" };
  }
  if (p.k !== "math") return { correct: false, reason: "not equal" };
  const ok = answersEqual(g.a, p.a, { options: o, budget });
  if (ok) return { correct: true, reason: "equivalent" };
  const gs = shapeName(g.a), ps = shapeName(p.a);
  const sameShape = gs === ps || p.a.k === "eq" || [gs, ps].every((x) => x === "a tuple" || x === "an interval");
  return { correct: false, reason: sameShape ? "not equivalent" : `gold is ${gs}, prediction is ${ps}` };
}

export function verify(gold: string | number, response: string, options: VerifyOptions = {}): Verdict {
  const start = performance.now();
  const o = resolveOptions(options);
  const budget = new Budget(start + o.timeoutMs);
  const g = goldText(String(gold));
  const done = (correct: boolean, status: VerdictStatus, predicted: string | null, reason: string): Verdict => ({
    correct,
    status,
    predicted,
    gold: g,
    reason,
    ms: performance.now() - start,
  });
  let predicted: string | null = null;
  try {
    let gr: Read;
    try {
      gr = read(g, o, budget);
      if (gr.k === "math" && gr.a.k === "scalar" && gr.a.n.t === "sym" && CHOICE.test(gr.a.n.name)) gr = { k: "choice", letter: gr.a.n.name };
    } catch (e) {
      if (e instanceof ParseError) return done(false, "gold_unparsed", null, `gold answer unreadable: ${e.message}`);
      throw e;
    }
    const ex = extractAnswer(response, o);
    predicted = ex.answer;
    if (predicted === null) return done(false, "pred_unparsed", null, ex.reason ?? "no answer found");
    let pr: Read;
    try {
      pr = read(predicted, o, budget, gr);
    } catch (e) {
      if (e instanceof ParseError) return done(false, "pred_unparsed", predicted, `predicted answer unreadable: ${e.message}`);
      throw e;
    }
    const d = decide(gr, pr, o, budget);
    return done(d.correct, "ok", predicted, d.reason);
  } catch (e) {
    if (e instanceof BudgetExceeded) return done(false, "timeout", predicted, `over the ${o.timeoutMs} ms budget`);
    if (e instanceof RangeError) return done(false, "error", predicted, `${(e as Error).message}`);
    return done(false, "error", predicted, `internal error: ${(e as Error).message}`);
  }
}
