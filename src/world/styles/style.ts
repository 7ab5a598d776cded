// What a teacher style is: a pure function from a problem to the text inside <think>, the summary
// sentence and the notation of the boxed answer.
import type { Problem } from "../problem.ts";
import type { Rng } from "../../common/random.ts";

export interface Solution {
  /** Lines of reasoning (inside <think>...</think>). */
  think: string[];
  summary: string;
  /** "plain": \boxed{17/4}; "latex": \boxed{\frac{17}{4}}. */
  notation: "plain" | "latex";
}

export type StyleWriter = (p: Problem, rng: Rng) => Solution;
