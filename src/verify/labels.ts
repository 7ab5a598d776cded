// Which side of an equation is the answer. Predictions (and gold answers) often name what they
// give: "(a,b) = (4,1)", "|PQ| = 5", "\frac{AE}{EC} = \frac{2}{3}", "S_1:S_2 = 3:8", "k = 2m = 6",
// "\binom{6}{2} = 15", "\log_3 27 = 3". Rules:
//  - A computed chain: the left side has no free variable ("\binom{6}{2}", "|2-7|", "2^3",
//    "\frac{4}{10}", "19 \bmod 4", a limit, sum or integral). The answer is the final side, in
//    either role (gold or prediction): "\frac{4}{10} = \frac{2}{5}" is 2/5.
//  - A label: the left side names a quantity without a number in it — variables, products and
//    quotients of them (segments AB, ratios of lengths), |PQ|, a tuple of variables (a,b), a ratio
//    of variables, a named angle or figure, a word (\text{Area}), a prime (f'(x)), or a function
//    value f(2), g'(3), f^{-1}(7), a function of a named quantity (\cos A). Against an answer that is not an equation, the right side is compared.
//    A gold label may not be a sum or difference: a gold "x + y = 5" is a line, not 5.
//  - Not a label: a left side with a number outside a function argument ("2x = 4", "x^2 = 9",
//    "x + 1 = 3"): that is an equation to solve, and its right side is not the answer.
import { symbolsOf, type Node } from "./ast.ts";

export const isComputed = (lhs: Node): boolean => symbolsOf(lhs).size === 0;

const FUNCTION_NAMES = /^[fghpqrsuvFGHPQNT]'*$/;
const TRIG = new Set(["sin", "cos", "tan", "cot", "sec", "csc", "log", "ln"]);
/** f, g', and an inverse f^{-1}. */
const isFunctionName = (n: Node): boolean =>
  (n.t === "sym" && FUNCTION_NAMES.test(n.name)) ||
  (n.t === "bin" && n.op === "^" && n.a.t === "sym" && FUNCTION_NAMES.test(n.a.name) && n.b.t === "neg" && n.b.a.t === "num" && n.b.a.v.n === 1n && n.b.a.v.d === 1n);
const isNumeric = (n: Node): boolean => n.t === "num" || (n.t === "neg" && isNumeric(n.a)) || (n.t === "group" && n.items.every(isNumeric));

/** `sums`: whether a sum of variables counts ("x + y = 6" names x + y in a prediction; a gold
 * "x + y = 5" is the equation of a line, not a label of 5). */
export function isLabel(lhs: Node, sums = true): boolean {
  const inner = (n: Node) => isLabel(n, sums);
  switch (lhs.t) {
    case "sym": case "text": return true;
    case "bin":
      if (lhs.op === "*" && isFunctionName(lhs.a) && (isNumeric(lhs.b) || lhs.b.t === "sym")) return true;
      if ((lhs.op === "+" || lhs.op === "-") && !sums) return false;
      return (lhs.op === "*" || lhs.op === "/" || lhs.op === "+" || lhs.op === "-") && inner(lhs.a) && inner(lhs.b);
    case "neg": return inner(lhs.a);
    // |PQ|, and a function of a named quantity: \cos A, \log_2 x.
    case "fn": return (lhs.name === "abs" || TRIG.has(lhs.name)) && lhs.args.every(inner);
    case "group": case "ratio": return lhs.items.every(inner);
    default: return false;
  }
}
