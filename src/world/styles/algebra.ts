// A rare style with different decompositions. Stories: write the whole computation as one
// expression, then merge neighbouring additive steps into one net change and neighbouring
// multiplicative steps into one net factor. Puzzles: carry the unknown as a linear form a*x + b,
// solve the equation, then substitute the answer back.
import { add, div, frac, mul, show, sub, term, type Frac } from "../fraction.ts";
import { expression, type Op } from "../problem.ts";
import type { StyleWriter } from "./style.ts";

const additive = (op: Op) => op.kind === "add" || op.kind === "sub";

/** Runs of same-family operations merged: [{additive, net}] where net is a summand or a factor. */
function groups(ops: readonly Op[]): { additive: boolean; ops: Op[]; net: Frac; line: string }[] {
  const out: { additive: boolean; ops: Op[]; net: Frac; line: string }[] = [];
  for (const op of ops) {
    const last = out[out.length - 1];
    if (last && last.additive === additive(op)) last.ops.push(op);
    else out.push({ additive: additive(op), ops: [op], net: frac(0), line: "" });
  }
  for (const g of out) {
    if (g.additive) {
      g.net = g.ops.reduce((s, op) => (op.kind === "add" ? add(s, op.k) : sub(s, op.k)), frac(0));
      g.line = g.ops.map((op, i) => `${op.kind === "sub" ? (i ? "- " : "-") : i ? "+ " : ""}${term(op.k)}`).join(" ");
    } else {
      const factors = g.ops.map((op) => (op.kind === "div" ? frac(1n, op.k.n) : op.k));
      g.net = factors.reduce((s, k) => mul(s, k), frac(1));
      g.line = factors.map(term).join(" * ");
    }
  }
  return out;
}

const linear = (a: Frac, b: Frac) => {
  const ax = a.n === 1n && a.d === 1n ? "x" : `${term(a)}x`;
  return b.n === 0n ? ax : b.n < 0n ? `${ax} - ${show(frac(-b.n, b.d))}` : `${ax} + ${show(b)}`;
};

export const algebra: StyleWriter = (p, _rng, explain) => {
  if (p.kind === "story") {
    const think = [`The whole computation is ${expression(show(p.start), p.ops)}.`, "Combine neighbouring steps of the same kind first."];
    let v = p.start;
    for (const g of groups(p.ops)) {
      const several = g.ops.length > 1;
      if (several) think.push(g.additive ? `Net change: ${g.line} = ${show(g.net)}` : `Net factor: ${g.line} = ${show(g.net)}`);
      const next = g.additive ? add(v, g.net) : mul(v, g.net);
      const step = !g.additive ? `* ${term(g.net)}` : g.net.n < 0n ? `- ${term(frac(-g.net.n, g.net.d))}` : `+ ${term(g.net)}`;
      think.push(...explain(v, !g.additive ? { kind: "mul", k: g.net } : g.net.n < 0n ? { kind: "sub", k: frac(-g.net.n, g.net.d) } : { kind: "add", k: g.net }));
      think.push(`${term(v)} ${step} = ${show(next)}`);
      v = next;
    }
    return { think, summary: `So ${p.cast.name} has ${show(p.answer)} ${p.cast.unit} of ${p.cast.stuff}.`, notation: "latex" };
  }
  let a = frac(1);
  let b = frac(0);
  const think = ["Let x be the number. Track the expression through each step:"];
  for (const op of p.ops) {
    if (op.kind !== "add" && op.kind !== "sub") think.push(...explain(b, op));
    if (op.kind === "add") b = add(b, op.k);
    else if (op.kind === "sub") b = sub(b, op.k);
    else {
      const k = op.kind === "div" ? frac(1n, op.k.n) : op.k;
      a = mul(a, k);
      b = mul(b, k);
    }
    think.push(`after ${op.kind === "part" ? `taking ${show(op.k)}` : `${{ add: "adding", sub: "subtracting", mul: "multiplying by", div: "dividing by" }[op.kind]} ${show(op.k)}`}: ${linear(a, b)}`);
  }
  const rhs = sub(p.end, b);
  think.push(`So ${linear(a, b)} must equal ${show(p.end)}.`);
  const move = b.n < 0n ? `+ ${term(frac(-b.n, b.d))}` : `- ${term(b)}`;
  think.push(...explain(p.end, b.n < 0n ? { kind: "add", k: frac(-b.n, b.d) } : { kind: "sub", k: b }));
  think.push(`Move the constant: ${term(p.end)} ${move} = ${show(rhs)}.`);
  think.push(...explain(rhs, { kind: "div", k: a }));
  think.push(`Divide by the coefficient: ${term(rhs)} / ${term(a)} = ${show(div(rhs, a))}, so x = ${show(p.answer)}.`);
  think.push(`Back-substitute: ${expression(term(p.answer), p.ops)} = ${show(p.end)}, as required.`);
  return { think, summary: `The number is ${show(p.answer)}.`, notation: "latex" };
};
