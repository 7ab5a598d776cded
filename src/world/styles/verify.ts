// A rare style: solve as in the terse style, then check by running the steps the other way and
// landing back on the given value.
import { show } from "../fraction.ts";
import { forward, backward } from "../worked-lines.ts";
import { inverseOp } from "../problem.ts";
import type { StyleWriter } from "./style.ts";

export const verify: StyleWriter = (p, rng, explain) => {
  const story = p.kind === "story";
  const solve = story ? forward(p.start, p.ops) : backward(p.end, p.ops);
  const check = story ? backward(p.end, p.ops) : forward(p.start, p.ops);
  const given = story ? p.start : p.end;
  return {
    think: [
      story ? `Follow the ${p.cast.stuff} through each step.` : "Undo the steps, starting from the last one.",
      ...solve.flatMap((w) => [...explain(w.from, story ? w.op : inverseOp(w.op)), w.line]),
      `So the result is ${show(p.answer)}. ${rng.pick(["Let me check it", "Now verify"])} by going the other way.`,
      ...check.map((w) => w.line),
      `This gives back ${show(given)}, which matches the problem, so ${show(p.answer)} is right.`,
    ],
    summary: story ? `${p.cast.name} has ${show(p.answer)} ${p.cast.unit} of ${p.cast.stuff}, confirmed by the check.` : `The starting number is ${show(p.answer)}, confirmed by the check.`,
    notation: "latex",
  };
};
