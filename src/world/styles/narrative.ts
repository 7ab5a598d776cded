// A rare, long style: full sentences that restate what happens at every step, in the words of
// the problem, with the arithmetic embedded in them.
import { show, term } from "../fraction.ts";
import { forward, backward, type Worked } from "../worked-lines.ts";
import { inverseOp, type Cast, type Op } from "../problem.ts";
import type { StyleWriter } from "./style.ts";

function storyStep(w: Worked, c: Cast, i: number): string {
  const k = show(w.op.k);
  const tail = `${w.line} ${c.unit}`;
  const what = {
    add: `${c.he} adds ${k} ${c.unit}, so now ${c.he} has ${tail}.`,
    sub: `${c.he} uses up ${k} ${c.unit}, which leaves ${tail}.`,
    mul: `the amount becomes ${k} times as large: ${tail}.`,
    div: `splitting it into ${k} equal jars and keeping one jar gives ${tail}.`,
    part: `keeping ${k} of the amount means ${tail}.`,
  }[w.op.kind];
  return `Step ${i + 1}: ${what}`;
}

const clause = (op: Op) =>
  ({ add: `adding ${show(op.k)}`, sub: `subtracting ${show(op.k)}`, mul: `multiplying by ${show(op.k)}`, div: `dividing by ${show(op.k)}`, part: `taking ${show(op.k)} of the number` })[op.kind];

// Undoing "take p/q" is written as a division by the fraction here (the terse style multiplies).
function undoStep(w: Worked, i: number, n: number): string {
  const undo = w.op.kind === "part" ? `${term(w.from)} / ${term(w.op.k)} = ${show(w.to)}` : w.line;
  const which = i === 0 ? "The last step" : i === n - 1 ? "The first step" : "The step before that";
  return `${which} was ${clause(w.op)}. Undoing it: ${undo}.`;
}

export const narrative: StyleWriter = (p, rng, explain) => {
  const c = p.cast;
  if (p.kind === "story") {
    const steps = forward(p.start, p.ops);
    return {
      think: [
        `${rng.pick(["Let me follow", "I will track"])} the amount of ${c.stuff} one step at a time.`,
        `At the start, ${c.name} has ${show(p.start)} ${c.unit} of ${c.stuff}.`,
        ...steps.flatMap((w, i) => [...explain(w.from, w.op), storyStep(w, c, i)]),
        `After all ${steps.length} step${steps.length > 1 ? "s" : ""}, ${c.name} has ${show(p.end)} ${c.unit}.`,
      ],
      summary: `${c.name} ends up with ${show(p.answer)} ${c.unit} of ${c.stuff}.`,
      notation: "latex",
    };
  }
  const steps = backward(p.end, p.ops);
  return {
    think: [
      `We know the final result, ${show(p.end)}, so ${rng.pick(["I will undo", "let me reverse"])} the steps from the last one back to the first.`,
      ...steps.flatMap((w, i) => [...explain(w.from, w.op.kind === "part" ? { kind: "div", k: w.op.k } : inverseOp(w.op)), undoStep(w, i, steps.length)]),
      `Nothing is left to undo, so the starting number was ${show(p.answer)}.`,
    ],
    summary: `${c.name} started with the number ${show(p.answer)}.`,
    notation: "latex",
  };
};
