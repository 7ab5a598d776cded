// Worked arithmetic lines shared by the teacher's styles: "a op k = b", forwards through the
// operations or backwards undoing them. Every line is a true equation over exact fractions.
import { show, type Frac } from "./fraction.ts";
import { applyOp, inverseOp, opExpr, type Op } from "./problem.ts";

export interface Worked {
  line: string;
  /** The value before and after this line's operation. */
  from: Frac;
  to: Frac;
  op: Op;
}

/** start -> end, one line per operation. */
export function forward(start: Frac, ops: readonly Op[]): Worked[] {
  let v = start;
  return ops.map((op) => {
    const to = applyOp(v, op);
    const w = { line: `${opExpr(v, op)} = ${show(to)}`, from: v, to, op };
    v = to;
    return w;
  });
}

/** end -> start: the inverse operations in reverse order; `op` is the original one being undone. */
export function backward(end: Frac, ops: readonly Op[]): Worked[] {
  let v = end;
  return [...ops].reverse().map((op) => {
    const inv = inverseOp(op);
    const to = applyOp(v, inv);
    const w = { line: `${opExpr(v, inv)} = ${show(to)}`, from: v, to, op };
    v = to;
    return w;
  });
}
