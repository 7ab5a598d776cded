// A world problem: a start value and a chain of exact operations. "story" problems ask for the
// value at the end; "unknown" problems give the end value and ask for the start (algebra).
import { add, div, frac, mul, sub, term, type Frac } from "./fraction.ts";

export type OpKind = "add" | "sub" | "mul" | "div" | "part";
/** One operation on the running value; "part" multiplies by a proper fraction ("keeps 2/3 of it"). */
export interface Op {
  readonly kind: OpKind;
  readonly k: Frac;
}

export type ProblemKind = "story" | "unknown";

/** Who and what a problem is about; the teacher's prose reuses it. */
export interface Cast {
  readonly name: string;
  readonly he: string;
  readonly his: string;
  readonly unit: string;
  readonly stuff: string;
}

export interface Problem {
  readonly kind: ProblemKind;
  /** Difficulty level 1..6 = the number of operations; operand sizes grow with it. */
  readonly level: number;
  readonly start: Frac;
  readonly ops: readonly Op[];
  /** The value after all operations. */
  readonly end: Frac;
  /** story: the end value; unknown: the start value. */
  readonly answer: Frac;
  readonly cast: Cast;
  readonly text: string;
}

export function applyOp(v: Frac, op: Op): Frac {
  switch (op.kind) {
    case "add":
      return add(v, op.k);
    case "sub":
      return sub(v, op.k);
    case "mul":
    case "part":
      return mul(v, op.k);
    case "div":
      return div(v, op.k);
  }
}

/** The operation that undoes `op` (what a solver does when working backwards). */
export function inverseOp(op: Op): Op {
  switch (op.kind) {
    case "add":
      return { kind: "sub", k: op.k };
    case "sub":
      return { kind: "add", k: op.k };
    case "mul":
      return { kind: "div", k: op.k };
    case "div":
      return { kind: "mul", k: op.k };
    case "part":
      return { kind: "mul", k: div(frac(1), op.k) };
  }
}

export const SYMBOL: Record<OpKind, string> = { add: "+", sub: "-", mul: "*", div: "/", part: "*" };

/** "a + k" with fractions in parentheses: the left side of one worked line. */
export const opExpr = (v: Frac, op: Op) => `${term(v)} ${SYMBOL[op.kind]} ${term(op.k)}`;

/** All running values: [start, after op 1, ..., end]. */
export function trace(start: Frac, ops: readonly Op[]): Frac[] {
  const values = [start];
  for (const op of ops) values.push(applyOp(values[values.length - 1], op));
  return values;
}

/**
 * The whole computation as one expression over `x` (a number or "x"), parenthesised only where
 * precedence needs it: "((12 + 5) * 3 - 4) / 2".
 */
export function expression(x: string, ops: readonly Op[]): string {
  let e = x;
  let loose = false; // top-level + or - in e
  for (const op of ops) {
    const tight = op.kind !== "add" && op.kind !== "sub";
    if (tight && loose) e = `(${e})`;
    e = `${e} ${SYMBOL[op.kind]} ${term(op.k)}`;
    loose = !tight;
  }
  return e;
}
