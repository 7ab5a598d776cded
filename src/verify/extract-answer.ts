// Finds the final answer in a model response (and in a gold answer written as a solution; see
// gold-answer.ts). Order, after </think> when the response thinks first and after undoing
// double-escaped LaTeX (unescape.ts):
//   1. the last \boxed{} / \fbox{} (with the boxes right before it joined only by separators);
//   strict mode stops here: no box, no credit, so a stray number never counts. Lenient goes on:
//   2. the last answer phrase, English ("The final answer is", "Answer:", "####") or another
//      language ("答案是", "Réponse :", "Ответ:"; answer-words.ts). When the text after it is a
//      sentence rather than math ("The largest $k$ is 17."), the last math of that sentence;
//   3. the last markdown-bold answer;
//   4. a response that is only math written without delimiters ("x = 5");
//   5. the last math, as a careful reader finds it: the last $…$ / \(…\) / \[…\] / $$…$$ span
//      (with the spans right before it joined only by "and", "or", commas), unless a standalone
//      number comes after it. A number is standalone when no letter or digit touches it: "XK7Q",
//      "H2O", "step3" hold no number. Numbers joined by "and"/commas answer together, and keep
//      their brackets ("（1，2）" is the point (1,2)). Numbers in a parenthetical remark ("(that is, 50 percent)")
//      are not answers, nor is a closing check ("Check: $2 \cdot 4 + 3 = 11$."). When the text after
//      it says there is no solution (or: all real numbers), that is the answer.
// `source` says which path fired; verify() puts it in the verdict's reason.
import { ANSWER_PHRASE } from "./answer-words.ts";
import { lastBoxes } from "./find-boxed.ts";
import type { VerifyOptions } from "./options.ts";
import { undoDoubleEscapes } from "./unescape.ts";

/** mode (strict: boxes only) and think (after / require: only what follows the last </think>); see options.ts. */
export type ExtractOptions = Pick<VerifyOptions, "mode" | "think">;

export type Source = "boxed" | "phrase" | "answer-word" | "bold" | "bare" | "last-math" | "last-number" | "none";

export interface Extracted {
  answer: string | null;
  /** Where it came from, or why there is none. */
  source: Source;
  reason?: string;
}

/** How each source reads in a verdict's reason. */
export const SOURCE_NAMES: Record<Source, string> = {
  boxed: "box",
  phrase: "answer phrase",
  "answer-word": "local-language answer word",
  bold: "bold answer",
  bare: "whole text",
  "last-math": "last math span",
  "last-number": "last number",
  none: "none",
};

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

/** Characters that math answers are written in; anything else (prose in any script) is not bare math. */
const NOT_MATH_CHAR = /[^\x00-\x7F−–—×÷·⋅π√≤≥≠≈±∪∈∞°]/;

/** The text right after the last answer phrase: a delimited math span, else up to the end of the
 * sentence; a sentence that is not math gives its last math. */
function phraseAnswer(text: string): { answer: string; local: boolean } | null {
  let last: RegExpExecArray | null = null;
  let m: RegExpExecArray | null;
  ANSWER_PHRASE.lastIndex = 0;
  while ((m = ANSWER_PHRASE.exec(text))) last = m;
  if (!last) return null;
  const local = last[1] === undefined;
  const rest = text.slice(last.index + last[0].length, last.index + last[0].length + 2000).replace(/^\s+/, "");
  const math = /^(\$\$[\s\S]+?\$\$|\$[^$]+\$|\\\([\s\S]+?\\\)|\\\[[\s\S]+?\\\])/.exec(rest);
  // Without delimiters the answer ends with the sentence or where an explanation starts.
  let joined = math ? math[1] : "";
  if (math) {
    // "The answer is $x = 1$ or $x = -1$.": the spans joined to the first one belong to the answer.
    let after = rest.slice(math[0].length);
    for (let m2; (m2 = JOIN_NEXT.exec(after)); after = after.slice(m2[0].length)) joined += `, ${stripDelimiters(m2[1])}`;
  }
  const span = math
    ? joined
    : (/^[^\n]*?(?=\.\s|\.$|[。！？；।]|\n|$|,?\s+(?:since|because|as|which|where|so|for|when)\s|[，,]\s*(?:因为|由于))/.exec(rest)?.[0] ?? "");
  let out = stripDelimiters(span.replace(/^\*\*|\*\*$/g, "")).trim();
  if (out !== "" && !math && !isBareMath(out)) out = lastMath(out)?.answer ?? out;
  return out === "" ? null : { answer: out, local };
}

function isBareMath(t: string): boolean {
  if (t === "" || t.length > 300 || NOT_MATH_CHAR.test(t)) return false;
  const words = t.replace(/\\(?:text|mbox|textbf|mathrm)\s*\{[^{}]*\}/g, "").replace(/\\[a-zA-Z]+/g, "");
  return !/[a-zA-Z]{2,}/.test(words);
}

/** A response that is only math, written without delimiters ("\frac{1}{2}", "x = 5", "(1, 2]"). */
function bareMath(text: string): string | null {
  const t = stripDelimiters(text.trim());
  return isBareMath(t) ? t : null;
}

function boldAnswer(text: string): string | null {
  const all = [...text.slice(-5000).matchAll(/\*\*([^*\n]{1,120})\*\*|\\textbf\s*\{([^{}\n]{1,120})\}/g)].map((m) => m[1] ?? m[2]);
  for (let k = all.length - 1; k >= 0; k--) {
    const inner = all[k].replace(/^(?:final answer|answer)\s*[:=]?\s*/i, "").trim();
    // A bold span is an answer when it holds math, or is a short phrase rather than a heading.
    if (inner.endsWith(":") || inner === "") continue;
    if (/\d|\\/.test(inner) || inner.split(/\s+/).length <= 3) {
      const t = stripDelimiters(inner);
      return isBareMath(t) || !/\$/.test(t) ? t : (lastMath(t)?.answer ?? t);
    }
  }
  return null;
}

const JOIN_NEXT = /^(?:\s*(?:,|;|，|、|和|或|\band\b|\bor\b)\s*)+(\$\$[\s\S]+?\$\$|\$[^$]+\$|\\\([\s\S]+?\\\))/i;
const SPAN = /\$\$([\s\S]{1,600}?)\$\$|\$([^$]{1,600})\$|\\\(([\s\S]{1,600}?)\\\)|\\\[([\s\S]{1,600}?)\\\]/g;
/** A standalone number: no letter, digit, underscore, caret or backslash touches it, nor a word
 * joined by a hyphen ("4-step", "COVID-19"). */
const NUMBER = /(?<![A-Za-z0-9_^\\.]|[A-Za-z]-)-?\d+(?:[.,:]\d+)*(?:\/\d+)?(?![A-Za-z0-9_]|-[A-Za-z])/g;
/** Separators that join several final answers: "$x=2$ and $x=-3$", "$(1,2)$ or $(2,1)$". */
const JOIN = /^(?:\s|,|;|，|、|和|或|及|\band\b|\bor\b|\bet\b|\bou\b|\by\b|\bo\b|\bund\b|\boder\b)*$/i;
const NO_SOLUTION = /\b(?:there (?:is|are) no (?:real )?(?:solutions?|such \w+)|has no (?:real )?solutions?|no (?:real )?solutions?|does not exist|doesn't exist|is undefined)\b|无解|不存在|pas de solution|aucune solution|no tiene solución/i;
/** Parenthetical remarks in prose: "(that is, 50 percent)". */
const REMARK = /[(（][^()（）$]{0,200}?[A-Za-z\u00C0-\uFFFF]{3,}[^()（）$]{0,200}[)）]/g;

/** An explanation or restatement after the answer in the last sentence is not the answer:
 * "is $\frac{5}{12}$, since there are $12$ outcomes", "is $\frac{2}{9}$, or about 22%", "is $3$ when
 * $2^{100}$ is divided by 7". Cut only when the sentence has math before the marker. */
const EXPLANATION = /,\s*(?:since|because|as|given that|or about|or approximately|or roughly|i\.e\.|that is)\s|\s(?:when|if)\s/gi;
function cutExplanation(tail: string): string {
  let end = tail.length;
  while (end > 0 && /[\s.]/.test(tail[end - 1])) end--;
  const body = tail.slice(0, end);
  let start = end;
  while (start > 0 && !".!?。\n".includes(body[start - 1])) start--;
  EXPLANATION.lastIndex = start;
  for (let m; (m = EXPLANATION.exec(body)); ) {
    if (/\$|\d|\\\(/.test(body.slice(start, m.index))) return body.slice(0, m.index);
  }
  return tail;
}

/** The last math of a text (see step 5 above), or null. */
export function lastMath(text: string): { answer: string; source: "last-math" | "last-number" } | null {
  let tail = text.length > 3000 ? text.slice(-3000) : text;
  if (tail.includes("<<")) tail = tail.replace(/<<[^<>\n]{0,200}>>/g, (s) => " ".repeat(s.length));
  // A check after the answer ("…so $x = 4$.\nCheck: $2 \cdot 4 + 3 = 11$.") is not the answer.
  const check = /(?:^|\n|[.!]\s+)\s*(?:(?:check(?:ing)?|verif(?:y|ication)|let(?:'s| us| me) (?:check|verify|double[- ]check)|to (?:check|verify))\b|验证|检验)[^\n]*(?:\n[\s\S]*)?$/i.exec(tail);
  if (check && /\$|\d/.test(tail.slice(0, check.index))) tail = tail.slice(0, check.index + 1);
  tail = cutExplanation(tail);
  const spans = [...tail.matchAll(SPAN)].map((m) => ({ start: m.index!, end: m.index! + m[0].length, body: (m[1] ?? m[2] ?? m[3] ?? m[4]).trim() }));
  const prose = spans.reduceRight((s, sp) => s.slice(0, sp.start) + " ".repeat(sp.end - sp.start) + s.slice(sp.end), tail).replace(REMARK, (s) => " ".repeat(s.length));
  const nums = [...prose.matchAll(NUMBER)];
  const num = nums[nums.length - 1];
  const span = spans.length ? spans[spans.length - 1] : null;
  let pick: { answer: string; source: "last-math" | "last-number"; end: number } | null = null;
  if (num && (!span || num.index! > span.end)) {
    // "The roots are 2 and 3.": numbers joined only by separators answer together.
    const joined = [num[0]];
    let first = nums.length - 1;
    for (let k = nums.length - 2; k >= 0 && JOIN.test(prose.slice(nums[k].index! + nums[k][0].length, nums[k + 1].index!)); k--, first--) joined.unshift(nums[k][0]);
    const at = nums[first].index!, end = num.index! + num[0].length;
    // Numbers in brackets are a point or an interval: "（1，2）" → (1,2), "[1, 2]".
    const wrapped = "([".includes(prose[at - 1] ?? "") && ")]".includes(prose[end] ?? "") && /^[\d\s,.\-/:]+$/.test(prose.slice(at, end));
    pick = { answer: wrapped ? prose.slice(at - 1, end + 1) : joined.join(", "), source: "last-number", end };
  } else if (span) {
    const joined = [span.body];
    for (let k = spans.indexOf(span) - 1; k >= 0 && JOIN.test(tail.slice(spans[k].end, spans[k + 1].start)); k--) joined.unshift(spans[k].body);
    pick = { answer: [...new Set(joined)].join(", "), source: "last-math", end: span.end };
  }
  const after = pick ? prose.slice(pick.end) : prose;
  const none = NO_SOLUTION.exec(after);
  if (none) return { answer: "no solution", source: pick?.source ?? "last-math" };
  if (/\ball real numbers\b|\ball reals\b/i.test(after)) return { answer: "all real numbers", source: pick?.source ?? "last-math" };
  return pick && { answer: pick.answer, source: pick.source };
}

export function extractAnswer(response: string, options: ExtractOptions = {}): Extracted {
  let text = undoDoubleEscapes(response);
  // An escaped dollar is currency, never a math delimiter: "$\$10$" is 10.
  if (text.includes("\\$")) text = text.replace(/\\\$/g, "");
  if (/[\uFF01-\uFF5E]/.test(text)) text = text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  const think = options.think ?? "after";
  if (think !== "ignore") {
    const close = text.lastIndexOf("</think>");
    if (close >= 0) text = text.slice(close + "</think>".length);
    else if (text.includes("<think>")) return { answer: null, source: "none", reason: "the <think> block never closes" };
    else if (think === "require") return { answer: null, source: "none", reason: "no </think> in the response (think: require)" };
  }
  const boxes = lastBoxes(text);
  if (boxes) return { answer: boxes.map(stripDelimiters).join(", "), source: "boxed" };
  if ((options.mode ?? "lenient") === "strict") return { answer: null, source: "none", reason: "no \\boxed{} answer (strict mode)" };
  const phrase = phraseAnswer(text);
  if (phrase) return { answer: phrase.answer, source: phrase.local ? "answer-word" : "phrase" };
  const bold = boldAnswer(text);
  if (bold) return { answer: bold, source: "bold" };
  const bare = bareMath(text);
  if (bare) return { answer: bare, source: "bare" };
  const last = lastMath(text);
  if (last) return last;
  return { answer: null, source: "none", reason: "no answer found" };
}
