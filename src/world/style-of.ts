// Which teacher style a response is written in, read off the first line of its reasoning: every
// style opens in its own way (a bare worked line for terse, a fixed sentence for the others; see
// styles/*.ts), in both world variants, since the premise world only inserts lines after the
// opening. The demo uses it on the models' own samples, to see which style each fine-tuned arm
// writes and how often each style ends in a right answer. The tests check that it names the
// teacher's style of every response of a generated world, so the two cannot drift apart.
import type { StyleId } from "./teacher.ts";

/** A style, or "other" for a response that opens in none of them (a broken or empty sample). */
export type WrittenStyle = StyleId | "other";

const OPENINGS: readonly [Exclude<StyleId, "terse">, RegExp][] = [
  ["narrative", /^(?:Let me follow|I will track) the amount of .+ one step at a time\.$|^We know the final result, .+ the steps from the last one back to the first\.$/],
  ["verify", /^Follow the .+ through each step\.$|^Undo the steps, starting from the last one\.$/],
  ["fraction", /^Work with fractions throughout, starting from /],
  ["algebra", /^The whole computation is .+\.$|^Let x be the number\. Track the expression through each step:$/],
];

// A worked line "a op k = b": numbers, fractions, brackets and operators only, one equals sign.
const WORKED_LINE = /^[\d/()+*\- ]+ = [\d/]+$/;

/** The style of `response`, judged by the first non-empty line inside <think> (or of the text). */
export function styleOf(response: string): WrittenStyle {
  const open = response.indexOf("<think>");
  const body = open >= 0 ? response.slice(open + "<think>".length) : response;
  const first = body.split("\n").map((l) => l.trim()).find((l) => l.length > 0) ?? "";
  for (const [style, re] of OPENINGS) if (re.test(first)) return style;
  return WORKED_LINE.test(first) ? "terse" : "other";
}
