// Splits a rationale into reasoning steps for the first-pit search. Each step keeps its exact text,
// its trailing separator (line break, blank lines, spaces) included, so `steps.join("")` is the
// rationale byte for byte and a prefix of steps is exactly what the model wrote.
//
// lines (GSM8K): one step per non-blank line; blank lines and trailing whitespace belong to the step
//   before them (whitespace before the first line to the first step). A line holding only <think>
//   joins the step after it and one holding only </think> the step before (tags are not steps).
// math (MATH): segments end at line breaks outside display math and after sentence-ending math
//   (a closing `$` followed by . ! or ?, or a closing `\]` / `$$`); then, as the authors did, the
//   final-answer sentence (the one holding \boxed{}, "The answer is" or "####") becomes its own step,
//   every other segment shorter than `minChars` or than `minShare` x the average is merged into its
//   predecessor (the first into its successor), and while more than `maxSteps` remain the shortest
//   is merged into its shorter neighbour (ties: the earlier). The answer step is never merged.
// auto: `lines` when the text has GSM8K marks (`<<...>>` or a `####` line) or no math delimiters
//   ($, \[, \(, \begin{ — a lone final \boxed{} does not count), else `math`.
import { z } from "zod";

export const STEP_STYLES = ["auto", "lines", "math"] as const;
export type StepStyle = (typeof STEP_STYLES)[number];

export const splitOptionsSchema = z.object({
  stepStyle: z.enum(STEP_STYLES).default("auto").describe("how a rationale is cut into steps: lines (one per non-blank line, GSM8K), math (line breaks and sentence-ending math, merged; MATH), auto (by the text)"),
  minStepChars: z.number().int().min(0).default(20).describe("math style: a segment shorter than this is merged into the step before it"),
  minStepShare: z.number().min(0).max(1).default(0.3).describe("math style: a segment shorter than this share of the average segment is merged into the step before it"),
  maxSteps: z.number().int().min(1).default(9).describe("math style: at most this many steps (the shortest are merged into a neighbour)"),
});

export type SplitOptions = z.output<typeof splitOptionsSchema>;
export const SPLIT_DEFAULTS: Readonly<SplitOptions> = Object.freeze(splitOptionsSchema.parse({}));

export interface Split {
  style: "lines" | "math";
  /** Non-empty; joined they give the rationale. Empty for a blank rationale. */
  steps: string[];
}

/** Math delimiters: a final \boxed{} alone (GSM8K-style or the built-in world's answers) does not make a text MATH-style. */
const LATEX = /\$|\\\[|\\\(|\\begin\{/;
const GSM8K = /<<[^<>]*>>|^\s*####/m;
const ANSWER = /\\boxed\s*\{|answer is|^\s*####/im;

export function chooseStyle(text: string): "lines" | "math" {
  return GSM8K.test(text) || !LATEX.test(text) ? "lines" : "math";
}

export function splitSteps(text: string, o: Partial<SplitOptions> = {}): Split {
  const opts = { ...SPLIT_DEFAULTS, ...o };
  const style = opts.stepStyle === "auto" ? chooseStyle(text) : opts.stepStyle;
  if (text.trim() === "") return { style, steps: [] };
  return { style, steps: style === "lines" ? splitLines(text) : splitMath(text, opts) };
}

/** The text of a step without its trailing separator (what a rejected step is). */
export const stepBody = (step: string): string => step.replace(/\s+$/, "");

/** A line that only opens a reasoning block is no step: it goes with the step after it. */
const OPENS = /^\s*<think>\s*$/;
/** A line that only closes one goes with the step before it. */
const CLOSES = /^\s*<\/think>\s*$/;

/** Joins whitespace-only pieces (and a lone </think>) onto the piece before them, the first ones
 * (and a lone <think>) onto the next. */
function attachBlanks(pieces: string[]): string[] {
  const out: string[] = [];
  let lead = "";
  for (const p of pieces) {
    if (OPENS.test(p)) lead += p;
    else if (p.trim() === "" || (CLOSES.test(p) && out.length)) {
      if (out.length) out[out.length - 1] += p;
      else lead += p;
    } else {
      out.push(lead + p);
      lead = "";
    }
  }
  if (lead) {
    // a rationale ending in a lone <think> (cut off): it stays with the last step
    if (out.length) out[out.length - 1] += lead;
    else out.push(lead);
  }
  return out;
}

function splitLines(text: string): string[] {
  return attachBlanks(text.match(/[^\n]*\n|[^\n]+$/g) ?? []);
}

/** Cut points of the math style: after line breaks outside display math and after sentence-ending math. */
function mathSegments(text: string): string[] {
  const cuts: number[] = [];
  let math: null | "$" | "$$" | "\\[" | "\\(" = null;
  const afterSpace = (i: number) => {
    let j = i;
    while (j < text.length && /[ \t]/.test(text[j])) j++;
    return j;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const two = text.slice(i, i + 2);
    if (c === "\\" && math === null && (two === "\\[" || two === "\\(")) {
      math = two as "\\[" | "\\(";
      i++;
    } else if (c === "\\" && ((math === "\\[" && two === "\\]") || (math === "\\(" && two === "\\)"))) {
      const display = math === "\\[";
      math = null;
      i++;
      if (display) {
        let j = i + 1;
        if (/[.,;:]/.test(text[j] ?? "")) j++;
        const k = afterSpace(j);
        if (k > j && text[k] !== "\n" && k < text.length) cuts.push(k);
      }
    } else if (c === "\\") {
      i++; // an escaped character (\$, \\) never opens or closes math
    } else if (c === "$") {
      const dd = two === "$$";
      if (math === null) {
        math = dd ? "$$" : "$";
        if (dd) i++;
      } else if (math === "$$" && dd) {
        math = null;
        i++;
        const k = afterSpace(i + 1 + (/[.,;:]/.test(text[i + 1] ?? "") ? 1 : 0));
        if (k < text.length && text[k] !== "\n" && k > i + 1) cuts.push(k);
      } else if (math === "$") {
        math = null;
        if (/[.!?]/.test(text[i + 1] ?? "")) {
          const k = afterSpace(i + 2);
          if (k > i + 2 && k < text.length && text[k] !== "\n") cuts.push(k);
        }
      }
    } else if (c === "\n" && math !== "\\[" && math !== "$$") {
      if (math !== null) math = null; // an unclosed inline span ends at the line
      cuts.push(i + 1);
    }
  }
  const out: string[] = [];
  let at = 0;
  for (const k of cuts) {
    if (k > at) out.push(text.slice(at, k));
    at = k;
  }
  if (at < text.length) out.push(text.slice(at));
  return attachBlanks(out);
}

/** Splits the final-answer sentence off the last segment that holds the answer. */
function isolateAnswer(segs: string[]): { segs: string[]; answer: number } {
  let a = -1;
  for (let i = segs.length - 1; i >= 0; i--) if (ANSWER.test(segs[i])) { a = i; break; }
  if (a < 0) return { segs, answer: -1 };
  const s = segs[a];
  const m = ANSWER.exec(s)!;
  // the sentence holding the answer mark starts after the last ". " (or "! ", "? ") before the mark
  let start = 0;
  for (const b of s.slice(0, m.index).matchAll(/[.!?]\s+/g)) start = b.index + b[0].length;
  if (start === 0 || s.slice(0, start).trim() === "") return { segs, answer: a };
  return { segs: [...segs.slice(0, a), s.slice(0, start), s.slice(start), ...segs.slice(a + 1)], answer: a + 1 };
}

function splitMath(text: string, o: SplitOptions): string[] {
  const { segs: raw, answer } = isolateAnswer(mathSegments(text));
  // merging works on (text, isAnswer) so the answer step keeps its place
  let segs = raw.map((t, i) => ({ t, ans: i === answer }));
  const len = (s: { t: string }) => stepBody(s.t).length;
  const avg = segs.reduce((n, s) => n + len(s), 0) / segs.length;
  const short = (s: { t: string; ans: boolean }) => !s.ans && (len(s) < o.minStepChars || len(s) < o.minStepShare * avg);
  const merged: typeof segs = [];
  for (const s of segs) {
    const prev = merged[merged.length - 1];
    if (prev && !prev.ans && short(s)) prev.t += s.t;
    else merged.push({ ...s });
  }
  // a short first segment has no predecessor: it joins the one after it
  if (merged.length > 1 && short(merged[0]) && !merged[1].ans) merged.splice(0, 2, { t: merged[0].t + merged[1].t, ans: false });
  segs = merged;
  while (segs.length > o.maxSteps) {
    let best = -1;
    for (let i = 0; i < segs.length; i++) {
      if (segs[i].ans) continue;
      if (best < 0 || len(segs[i]) < len(segs[best])) best = i;
    }
    const left = best > 0 && !segs[best - 1].ans ? best - 1 : -1;
    const right = best + 1 < segs.length && !segs[best + 1].ans ? best + 1 : -1;
    const into = left < 0 ? right : right < 0 ? left : len(segs[left]) <= len(segs[right]) ? left : right;
    if (into < 0) break; // only answer steps around it: nothing may merge
    const [a, b] = into < best ? [into, best] : [best, into];
    segs.splice(a, 2, { t: segs[a].t + segs[b].t, ans: false });
  }
  return segs.map((s) => s.t);
}
