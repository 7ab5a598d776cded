// A rare style: every value written as a fraction a/b, sums over a common denominator, products
// multiplied out and then reduced.
import { add, frac, mul, show, sub, type Frac } from "../fraction.ts";
import { inverseOp, type Op } from "../problem.ts";
import type { StyleWriter } from "./style.ts";

const f = (v: Frac) => `${v.n}/${v.d}`;

/** One operation as a fraction computation ending in the reduced value. */
function fractionLine(v: Frac, op: Op): { line: string; to: Frac } {
  if (op.kind === "add" || op.kind === "sub") {
    const to = op.kind === "add" ? add(v, op.k) : sub(v, op.k);
    const sign = op.kind === "add" ? "+" : "-";
    const kk = `${op.k.n * v.d}/${v.d}`;
    const common = v.d === 1n ? "" : ` = ${f(v)} ${sign} ${kk}`;
    return { line: `${f(v)} ${sign} ${f(op.k)}${common} = ${f(to)}`, to };
  }
  const factor = op.kind === "div" ? frac(op.k.d, op.k.n) : op.k;
  const to = mul(v, factor);
  const raw = `${v.n * factor.n}/${v.d * factor.d}`;
  return { line: `${f(v)} * ${f(factor)} = ${raw}${raw === f(to) ? "" : ` = ${f(to)}`}`, to };
}

export const fraction: StyleWriter = (p, _rng, explain) => {
  const story = p.kind === "story";
  let v = story ? p.start : p.end;
  const ops = story ? p.ops : [...p.ops].reverse().map(inverseOp);
  const lines = ops.flatMap((op) => {
    const r = fractionLine(v, op);
    const steps = explain(v, op);
    v = r.to;
    return [...steps, r.line];
  });
  return {
    think: [
      `Work with fractions throughout, starting from ${f(story ? p.start : p.end)}${story ? "" : " and undoing each step"}.`,
      ...lines,
      `The result is ${f(p.answer)}.`,
    ],
    summary: `In lowest terms the result is ${show(p.answer)}.`,
    notation: "plain",
  };
};
