// Which responses may enter a pool, as data (so a scanning worker thread can rebuild the rule):
//   select  verified correct (when a verdict field is named), not empty, scored, with a length
//   mine    verified incorrect, not failed or empty, scored, PPL ≥ floor, length ≤ cap
// A rule answers with the reason a response is left out (counted in the summary) or null.
import type { ResponseFacts } from "./row-facts.ts";

export type CandidateRule = { kind: "select"; requireCorrect: boolean } | { kind: "mine"; minPpl: number; maxLen?: number };

export type Exclusion = (f: ResponseFacts) => string | null;

export function exclusionOf(rule: CandidateRule): Exclusion {
  if (rule.kind === "select") {
    return (f) => {
      if (rule.requireCorrect && f.correct !== true) return f.correct === false ? "incorrect" : "unverified";
      if (f.empty) return "empty response";
      if (Number.isNaN(f.ppl)) return "unscored";
      if (Number.isNaN(f.len)) return "no length";
      return null;
    };
  }
  return (f) => {
    if (f.correct === true) return "correct";
    if (f.correct === null) return "unverified";
    if (f.failed || f.empty) return "failed";
    if (Number.isNaN(f.ppl)) return "unscored";
    if (f.ppl < rule.minPpl) return "below PPL floor";
    if (Number.isNaN(f.len)) return "no length";
    if (rule.maxLen !== undefined && f.len > rule.maxLen) return "over-long";
    return null;
  };
}
