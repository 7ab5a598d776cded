// Finds the final answer in a model response. Order: the last \boxed{} (after </think> when the
// response thinks first); then, unless strict, "final answer is …", "Answer: …", "#### …", a
// markdown-bold answer, and last the last number in the text. Strict mode (selection, mining) stops
// after the boxes: no box, no credit, so a stray number never counts.
import { lastBoxes } from "./find-boxed.ts";

export interface ExtractOptions {
  /** "strict": only \boxed{} answers; "lenient": fall back to answer phrases, bold and the last number (or math span). */
  extraction?: "strict" | "lenient";
  /** "after": read only what follows </think> (an unclosed <think> has no answer); "ignore": read everything. */
  think?: "after" | "ignore";
}

export interface Extracted {
  answer: string | null;
  /** Where it came from, or why there is none. */
  source: "boxed" | "phrase" | "bold" | "bare" | "last-number" | "none";
  reason?: string;
}

/** Strips the math delimiters around an answer: $…$, $$…$$, \(…\), \[…\]. */
export function stripDelimiters(s: string): string {
  let t = s.trim();
  for (let k = 0; k < 3; k++) {
    const m = /^\$\$([\s\S]*)\$\$$|^\$([\s\S]*)\$$|^\\\(([\s\S]*)\\\)$|^\\\[([\s\S]*)\\\]$/.exec(t);
    if (!m) break;
    t = (m[1] ?? m[2] ?? m[3] ?? m[4]).trim();
  }
  return t;
}

const PHRASE = /(?:final answer|the answer|answer)\s*(?:is|:|=)\s*:?\s*|####\s*/gi;

/** The text right after an answer phrase: a delimited math span, else up to the end of the sentence. */
function phraseAnswer(text: string): string | null {
  let last: RegExpExecArray | null = null;
  let m: RegExpExecArray | null;
  PHRASE.lastIndex = 0;
  while ((m = PHRASE.exec(text))) last = m;
  if (!last) return null;
  const rest = text.slice(last.index + last[0].length, last.index + last[0].length + 2000);
  const math = /^(\$\$[\s\S]+?\$\$|\$[^$]+\$|\\\([\s\S]+?\\\)|\\\[[\s\S]+?\\\])/.exec(rest);
  // Without delimiters the answer ends with the sentence or where an explanation starts.
  const span = math ? math[1] : (/^[^\n]*?(?=\.\s|\.$|\n|$|,?\s+(?:since|because|as|which|where|so|for|when)\s)/.exec(rest)?.[0] ?? "");
  const out = stripDelimiters(span.replace(/^\*\*|\*\*$/g, "")).trim();
  return out === "" ? null : out;
}

/** A response that is only math, written without delimiters ("\frac{1}{2}", "x = 5", "(1, 2]"). */
function bareMath(text: string): string | null {
  const t = stripDelimiters(text.trim());
  if (t === "" || t.length > 300) return null;
  const words = t.replace(/\\text\s*\{[^{}]*\}/g, "").replace(/\\[a-zA-Z]+/g, "");
  return /[a-zA-Z]{2,}/.test(words) ? null : t;
}

function boldAnswer(text: string): string | null {
  const all = [...text.slice(-5000).matchAll(/\*\*([^*\n]{1,120})\*\*/g)].map((m) => m[1]);
  for (let k = all.length - 1; k >= 0; k--) {
    const inner = all[k].replace(/^(?:final answer|answer)\s*[:=]?\s*/i, "").trim();
    // A bold span is an answer when it holds math, or is a short phrase rather than a heading.
    if (inner.endsWith(":") || inner === "") continue;
    if (/\d|\\/.test(inner) || inner.split(/\s+/).length <= 3) return stripDelimiters(inner);
  }
  return null;
}

/** The last number, or the last $…$ / \(…\) span when the last number sits inside it or before it
 * ("the probability is \(\frac{1}{2}\)" answers 1/2, not 2). */
function lastNumberOrMath(text: string): string | null {
  const tail = text.slice(-2000);
  const nums = [...tail.matchAll(/-?\d[\d,]*(?:\.\d+)?(?:\/\d+)?|-?\.\d+/g)];
  const maths = [...tail.matchAll(/\$([^$]{1,300})\$|\\\(([\s\S]{1,300}?)\\\)/g)];
  const num = nums[nums.length - 1];
  const math = maths[maths.length - 1];
  if (math && (!num || math.index! + math[0].length >= num.index! + num[0].length)) return (math[1] ?? math[2]).trim();
  return num ? num[0].replace(/,$/, "") : null;
}

export function extractAnswer(response: string, options: ExtractOptions = {}): Extracted {
  let text = response;
  if ((options.think ?? "after") === "after") {
    const close = text.lastIndexOf("</think>");
    if (close >= 0) text = text.slice(close + "</think>".length);
    else if (text.includes("<think>")) return { answer: null, source: "none", reason: "the <think> block never closes" };
  }
  const boxes = lastBoxes(text);
  if (boxes) return { answer: boxes.map(stripDelimiters).join(", "), source: "boxed" };
  if ((options.extraction ?? "lenient") === "strict") return { answer: null, source: "none", reason: "no \\boxed{} answer (strict extraction)" };
  const phrase = phraseAnswer(text);
  if (phrase) return { answer: phrase, source: "phrase" };
  const bold = boldAnswer(text);
  if (bold) return { answer: bold, source: "bold" };
  const bare = bareMath(text);
  if (bare) return { answer: bare, source: "bare" };
  const num = lastNumberOrMath(text);
  if (num) return { answer: num, source: "last-number" };
  return { answer: null, source: "none", reason: "no answer found" };
}
