// The instruction appended to every query (the paper's Appendix A.3 wording), in one place:
// mixing, training and evaluation must all build the same prompt.

export const REASONING_SUFFIX =
  "\nLet's reason step by step. Enclose the reasoning process within <think>...</think>, then summarize it and present the final answer within \\boxed{} — for example: <think>reasoning process here</think> \\boxed{answer here}.";

/** The prompt for a query: the query followed by the suffix (the default one unless given). */
export function buildPrompt(query: string, suffix: string = REASONING_SUFFIX): string {
  return query + suffix;
}
