// A deterministic stream of long responses for throughput runs: each case's response is preceded by
// a few kilobytes of reasoning inside <think>…</think>, full of numbers, fractions and equations,
// the way a reasoning model writes before its final \boxed{} answer.
import type { Case } from "./cases.ts";

const STEPS = [
  "First, note that $3 \\cdot 4 = 12$ and $12 / 4 = 3$, so the ratio is $\\frac{3}{4}$.",
  "Let $x$ be the unknown. Then $2x + 5 = 17$, which gives $x = 6$; checking: $2 \\cdot 6 + 5 = 17$.",
  "The area is $\\pi r^2 = 25\\pi \\approx 78.54$ square units, since $r = 5$.",
  "Summing the series $1 + 2 + \\dots + 100 = 5050$ and subtracting $50$ leaves $5000$.",
  "Wait, that is not right. Let me recompute: $(a+b)^2 = a^2 + 2ab + b^2$ with $a = 2$, $b = 3$ gives 25.",
  "So the probability is $\\dfrac{7}{36}$, about 0.194, which is less than 1/4.",
];

export function longResponses(cases: Case[], minChars = 4000, seed = 1): Case[] {
  let s = seed;
  const next = () => (s = (s * 48271) % 2147483647);
  return cases.map((c) => {
    const parts: string[] = [];
    let n = 0;
    while (n < minChars) {
      const step = STEPS[next() % STEPS.length];
      parts.push(step);
      n += step.length + 1;
    }
    return { ...c, response: `<think>\n${parts.join("\n")}\n</think>\n\nPutting it together. ${c.response}` };
  });
}
