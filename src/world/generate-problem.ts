// Draws one problem of a given kind and level. Values stay positive; divisions prefer exact
// divisors so that easy problems mostly have whole-number answers and hard ones reach fractions.
import { frac, isInt, lt, type Frac } from "./fraction.ts";
import { grade } from "./difficulty.ts";
import { drawCast } from "./cast.ts";
import { problemText } from "./problem-text.ts";
import { applyOp, type Op, type OpKind, type Problem, type ProblemKind } from "./problem.ts";
import type { Rng } from "../common/random.ts";

const KINDS: readonly OpKind[] = ["add", "sub", "mul", "div", "part"];
const KIND_WEIGHTS = [3, 3, 2, 2, 2];
const LIMIT = frac(100000);

function drawOp(v: Frac, level: number, rng: Rng): Op {
  const g = grade(level);
  for (;;) {
    const kind = KINDS[rng.weighted(KIND_WEIGHTS)];
    if (kind === "add") return { kind, k: frac(rng.int(1, g.maxAmount)) };
    if (kind === "sub") {
      const room = Number(v.n / v.d) - 1; // keep the value positive
      if (room < 1) continue;
      return { kind, k: frac(rng.int(1, Math.min(room, g.maxAmount))) };
    }
    if (kind === "mul") {
      if (lt(LIMIT, v)) continue;
      return { kind, k: frac(rng.int(2, g.maxFactor)) };
    }
    if (kind === "div") {
      const exact: number[] = [];
      if (isInt(v)) for (let q = 2; q <= g.maxFactor; q++) if (v.n % BigInt(q) === 0n) exact.push(q);
      const useExact = exact.length > 0 && rng.next() < 1 - level / 8;
      return { kind, k: frac(useExact ? rng.pick(exact) : rng.int(2, g.maxFactor)) };
    }
    const q = rng.int(2, g.maxFactor);
    const p = rng.int(1, q - 1);
    const k = frac(p, q);
    if (k.d !== BigInt(q)) continue; // not in lowest terms: draw again so "2/4" never appears
    return { kind, k };
  }
}

export function generateProblem(kind: ProblemKind, level: number, rng: Rng): Problem {
  const g = grade(level);
  const cast = drawCast(rng);
  const start = frac(rng.int(2, 2 * g.maxAmount));
  const ops: Op[] = [];
  let v = start;
  for (let i = 0; i < g.steps; i++) {
    const op = drawOp(v, level, rng);
    ops.push(op);
    v = applyOp(v, op);
  }
  const text = problemText(kind, start, ops, v, cast, rng);
  return { kind, level, start, ops, end: v, answer: kind === "story" ? v : start, cast, text };
}
