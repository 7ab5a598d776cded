// verify(gold, response): extract the response's final answer, normalize and parse both sides the
// same way, and compare them gold first. Never throws: every failure is a verdict with a status and
// a reason. A gold answer that cannot be read is never scored correct (status gold_unparsed), so
// dataset bugs surface instead of inflating scores.
import { Budget, BudgetExceeded } from "./budget.ts";
import { answersEqual, shapeName } from "./compare.ts";
import { Undecided } from "./compare-scalars.ts";
import { extractAnswer, SOURCE_NAMES } from "./extract-answer.ts";
import { readGold } from "./gold-answer.ts";
import { normalize } from "./normalize.ts";
import { numberReadings, stripBases } from "./number-format.ts";
import { resolveOptions, type ResolvedOptions, type VerifyOptions } from "./options.ts";
import { parseLatex } from "./parse-latex.ts";
import { ParseError } from "./parse-error.ts";
import { toAnswer, type Answer } from "./to-answer.ts";

export type VerdictStatus = "ok" | "undecided" | "timeout" | "gold_unparsed" | "pred_unparsed" | "error";

export interface Verdict {
  correct: boolean;
  status: VerdictStatus;
  /** The extracted final answer as written in the response, or null when none was found. */
  predicted: string | null;
  /** The gold answer as read (the content of its box when it has one, the final answer of a solution). */
  gold: string;
  /** Why, and which extraction path read each side: "equivalent (gold: as written; prediction: box)". */
  reason: string;
  ms: number;
}

/** A read answer: math, a multiple-choice letter, or words ("Monday", "no solution"). `bases` lists
 * the base subscripts that were written (312_4), compared apart. */
type Read = ({ k: "math"; a: Answer } | { k: "choice"; letter: string } | { k: "text"; text: string }) & { bases?: string };

const CHOICE = /^\(?([A-E])\)?$/;
const PRED_CHOICE = /^(?:\\text\{)?\(?([A-E])\)?(?:$|[\s.:)}])/;
/** What may not follow a bare choice letter: more math ("\mathrm{B}*3", "D = 4", "A \cup B").
 * After "(B)" or "B." any option text may follow ("(C) \frac{1}{2}"). */
const MORE_MATH = /^\s*(?:[*+\-/^=_<>|!]|\\[a-zA-Z]+)/;
const OPTION_MARK = /\)|[.:]\s*$|[.:]\s/;
const TEXT = /^[A-Za-z][A-Za-z\s',.-]*$/;

/** Words, not math: several words, or one that was wrapped in \text{} or is too long to be a product of variables. */
function isText(raw: string, s: string): boolean {
  return TEXT.test(s) && (/\s/.test(s) || /[A-Za-z]{4,}/.test(s) || /^\s*\\(?:text|mbox|textbf|mathrm)\s*\{[A-Za-z\s]+\}\s*$/.test(raw));
}
const canonicalText = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, " ").replace(/^(?:the|a|an) /, "").trim();

/** Reads one side, in every reading its number format allows (number-format.ts); `gold` (when
 * given) is the already-read gold, which decides how words are taken. */
function read(raw: string, o: ResolvedOptions, budget: Budget, gold?: Read): Read[] {
  if (raw.length > o.maxAnswerLength) throw new ParseError(`answer longer than ${o.maxAnswerLength} characters`);
  let { text: s, bases } = stripBases(normalize(raw));
  if (gold?.k === "choice") {
    // Several options named ("(C) is wrong, the right choice is (D)"): the last one is the answer.
    const named = [...s.matchAll(/\(([A-E])\)/g)].map((x) => x[1]);
    if (new Set(named).size > 1) return [{ k: "choice", letter: named[named.length - 1], bases }];
    const m = PRED_CHOICE.exec(s);
    if (m && (OPTION_MARK.test(m[0]) || !MORE_MATH.test(s.slice(m[0].length)))) return [{ k: "choice", letter: m[1], bases }];
  } else if (gold) {
    // An option letter before the value ("(B) 15") answers a gold value with the value.
    const m = /^\(([A-E])\)\s*(\S[\s\S]*)$/.exec(s);
    if (m) s = m[2];
  }
  if (isText(raw, s) || (gold?.k === "text" && TEXT.test(s))) return [{ k: "text", text: canonicalText(s), bases }];
  const out: Read[] = [];
  let error: unknown = null;
  for (const r of numberReadings(s)) {
    try {
      out.push({ k: "math", a: toAnswer(parseLatex(r, budget)), bases });
    } catch (e) {
      error ??= e;
    }
  }
  if (out.length === 0) {
    // A chain whose left side cannot be read ("\det(A) = 5", "P(A \cap B) = 0.3") ends in its answer.
    const last = finalSide(s);
    if (last !== null && error instanceof ParseError) {
      try {
        return [{ k: "math", a: toAnswer(parseLatex(last, budget)), bases }];
      } catch {
        /* the first error explains better */
      }
    }
    throw error;
  }
  return out;
}

/** What follows the last "=" outside brackets, when there is one and no inequality or list. */
function finalSide(s: string): string | null {
  let depth = 0;
  let at = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "{" || c === "(" || c === "[") depth++;
    else if (c === "}" || c === ")" || c === "]") depth--;
    else if (depth === 0 && (c === "," || c === ";" || c === "<" || c === ">")) return null;
    else if (depth === 0 && c === "=") at = i;
  }
  const rest = at > 0 ? s.slice(at + 1).trim() : "";
  return rest === "" || /\\(?:le|ge|leq|geq|ne|neq|approx)(?![a-zA-Z])/.test(s) ? null : rest;
}

/** Letters only ("no", "yes") read as math on one side while the other side is words: words both. */
function asText(r: Read, raw: string): Read {
  const s = normalize(raw);
  return r.k === "math" && TEXT.test(s) ? { k: "text", text: canonicalText(s) } : r;
}

function decide(g: Read, p: Read, o: ResolvedOptions, budget: Budget): { correct: boolean; reason: string } {
  if (g.bases && p.bases && g.bases !== p.bases) return { correct: false, reason: "different bases" };
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

const sourceName = (s: string) => (s === "as-written" ? "as written" : SOURCE_NAMES[s as keyof typeof SOURCE_NAMES] ?? s);

export function verify(gold: string | number, response: string, options: VerifyOptions = {}): Verdict {
  const start = performance.now();
  const o = resolveOptions(options);
  const budget = new Budget(start + o.timeoutMs);
  let goldRead: { answer: string; source: string };
  try {
    goldRead = readGold(String(gold));
  } catch (e) {
    goldRead = { answer: String(gold), source: "as-written" };
  }
  const g = goldRead.answer;
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
    let grs: Read[];
    try {
      grs = read(g, o, budget);
      grs = grs.map((gr) => (gr.k === "math" && gr.a.k === "scalar" && gr.a.n.t === "sym" && CHOICE.test(gr.a.n.name) ? { k: "choice", letter: gr.a.n.name } : gr));
    } catch (e) {
      if (e instanceof ParseError) return done(false, "gold_unparsed", null, `gold answer unreadable: ${e.message} (gold: ${sourceName(goldRead.source)})`);
      throw e;
    }
    const ex = extractAnswer(response, o);
    predicted = ex.answer;
    if (predicted === null) return done(false, "pred_unparsed", null, ex.reason ?? "no answer found");
    const paths = `(gold: ${sourceName(goldRead.source)}; prediction: ${sourceName(ex.source)})`;
    let first: { correct: boolean; reason: string } | null = null;
    let undecided: string | null = null;
    for (const gr0 of grs) {
      let prs: Read[];
      try {
        prs = read(predicted, o, budget, gr0);
      } catch (e) {
        if (e instanceof ParseError) return done(false, "pred_unparsed", predicted, `predicted answer unreadable: ${e.message} ${paths}`);
        throw e;
      }
      for (const pr0 of prs) {
        const gr = pr0.k === "text" ? asText(gr0, g) : gr0;
        const pr = gr0.k === "text" ? asText(pr0, predicted) : pr0;
        let d: { correct: boolean; reason: string };
        try {
          d = decide(gr, pr, o, budget);
        } catch (e) {
          if (!(e instanceof Undecided)) throw e;
          undecided ??= e.message;
          continue;
        }
        if (d.correct) return done(true, "ok", predicted, `${d.reason} ${paths}`);
        first ??= d;
      }
    }
    if (undecided !== null) return done(false, "undecided", predicted, `undecided: ${undecided} ${paths}`);
    return done(false, "ok", predicted, `${first!.reason} ${paths}`);
  } catch (e) {
    if (e instanceof BudgetExceeded) return done(false, "timeout", predicted, `over the ${o.timeoutMs} ms budget`);
    if (e instanceof RangeError) return done(false, "error", predicted, `${(e as Error).message}`);
    return done(false, "error", predicted, `internal error: ${(e as Error).message}`);
  }
}
