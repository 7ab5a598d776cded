// The wording of a problem: one sentence per operation for stories, one clause per operation for
// "think of a number" puzzles. Phrase variants are drawn from the problem's own generator.
import { show } from "./fraction.ts";
import { cap } from "./cast.ts";
import type { Rng } from "../common/random.ts";
import type { Cast, Op, ProblemKind } from "./problem.ts";
import type { Frac } from "./fraction.ts";

function storySentence(op: Op, c: Cast, rng: Rng): string {
  const k = show(op.k);
  const He = cap(c.he);
  switch (op.kind) {
    case "add":
      return rng.pick([`${He} buys ${k} more ${c.unit}.`, `${He} gets another ${k} ${c.unit}.`]);
    case "sub":
      return rng.pick([`${He} uses ${k} ${c.unit}.`, `${He} gives ${k} ${c.unit} to a friend.`]);
    case "mul":
      return rng.pick([`Then ${c.he} ends up with ${k} times as much.`, `${He} makes the amount ${k} times as large.`]);
    case "div":
      return `${He} splits it equally into ${k} jars and keeps one jar.`;
    case "part":
      return rng.pick([`${He} keeps ${k} of it.`, `${He} keeps only ${k} of what ${c.he} has.`]);
  }
}

function puzzleClause(op: Op): string {
  const k = show(op.k);
  switch (op.kind) {
    case "add":
      return `adds ${k}`;
    case "sub":
      return `subtracts ${k}`;
    case "mul":
      return `multiplies by ${k}`;
    case "div":
      return `divides by ${k}`;
    case "part":
      return `takes ${k} of the result`;
  }
}

export function problemText(kind: ProblemKind, start: Frac, ops: readonly Op[], end: Frac, c: Cast, rng: Rng): string {
  if (kind === "story") {
    const body = ops.map((op) => storySentence(op, c, rng)).join(" ");
    return `${c.name} has ${show(start)} ${c.unit} of ${c.stuff}. ${body} How many ${c.unit} of ${c.stuff} does ${c.he} have now?`;
  }
  const clauses = ops.map(puzzleClause);
  const steps = clauses.length === 1 ? clauses[0] : `first ${clauses.slice(0, -1).join(", then ")}, and then ${clauses[clauses.length - 1]}`;
  return `${c.name} thinks of a number. ${cap(c.he)} ${steps}, and gets ${show(end)}. What number did ${c.he} start with?`;
}
