// Reads the gold answer. Datasets give it either as a bare answer ("\frac{2}{3}", "(1, 2)",
// "no solution", "\boxed{5}") or as a whole solution (MATH's `solution` field, GSM8K's reasoning
// ending in "#### 72", "the answer is 250"). Rules, in order:
//   1. the last \boxed{} / \fbox{} (boxes joined as in a response);
//   2. a gold that is short math or a short phrase without an answer phrase is the answer as written;
//   3. otherwise it is read exactly like a lenient response: answer phrase (English or another
//      language), bold, then the last math span or number.
// `source` says which rule fired; verify() puts it in the verdict's reason.
import { extractAnswer, stripDelimiters, type Source } from "./extract-answer.ts";
import { ANSWER_PHRASE } from "./answer-words.ts";
import { lastBoxes } from "./find-boxed.ts";
import { undoDoubleEscapes } from "./unescape.ts";

export interface GoldRead {
  answer: string;
  source: Source | "as-written";
}

/** A short answer, not a solution: no sentence break, no more than four words outside math. */
function looksBare(t: string): boolean {
  if (t.length > 400) return false;
  if (/[.!?。]\s+\S/.test(t) || /\n\s*\S/.test(t)) return false;
  const prose = t.replace(/\$[^$]*\$|\\\([\s\S]*?\\\)/g, " ").replace(/\\[a-zA-Z]+\s*(?:\{[^{}]*\})?/g, " ");
  const words = (prose.match(/[A-Za-z\u00C0-\uFFFF]{2,}/g) ?? []).filter((w) => !/^(?:and|or)$/i.test(w));
  // Math in delimiters with prose around it is a solution sentence ("So there are $\binom{8}{3} = 56$ committees.").
  if (/\$|\\\(/.test(t) && words.length > 0) return false;
  return words.length <= 4;
}

export function readGold(gold: string): GoldRead {
  const s = undoDoubleEscapes(gold);
  if (s.includes("\\boxed") || s.includes("\\fbox")) {
    const boxes = lastBoxes(s);
    if (boxes) return { answer: stripDelimiters(boxes.join(", ")), source: "boxed" };
  }
  const t = stripDelimiters(s);
  ANSWER_PHRASE.lastIndex = 0;
  if (looksBare(t) && !ANSWER_PHRASE.test(t)) return { answer: t, source: "as-written" };
  const ex = extractAnswer(s, { mode: "lenient", think: "ignore" });
  return ex.answer !== null ? { answer: ex.answer, source: ex.source } : { answer: t, source: "as-written" };
}
