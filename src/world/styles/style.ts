// What a teacher style is: a pure function from a problem to the text inside <think>, the summary
// sentence and the notation of the boxed answer. A style calls `explain` before each step it
// computes; the world variant decides what that writes (style-explainers.ts).
import type { Problem } from "../problem.ts";
import type { Rng } from "../../common/random.ts";
import type { Explain } from "../small-steps/explain-step.ts";

export interface Solution {
  /** Lines of reasoning (inside <think>...</think>). */
  think: string[];
  summary: string;
  /** "plain": \boxed{17/4}; "latex": \boxed{\frac{17}{4}}. */
  notation: "plain" | "latex";
}

/** `explain` gives the lines a style writes before a step's own line (none in the control world). */
export type StyleWriter = (p: Problem, rng: Rng, explain: Explain) => Solution;
