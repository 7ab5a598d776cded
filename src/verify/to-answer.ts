// Turns a parsed Node into the shape of an answer: a scalar, an equation, a list (unordered), a
// set, a tuple (ordered; also a single interval), a union of intervals, a matrix or a relation.
// Inequalities in one variable become intervals, so "x ≤ 3" and "(-∞, 3]" meet in one form.
import { children, symbolsOf, type Node, type RelOp } from "./ast.ts";

export type Answer =
  | { k: "scalar"; n: Node }
  | { k: "eq"; lhs: Node; rhs: Answer; rhsNode: Node }
  | { k: "list"; items: Answer[] }
  | { k: "set"; items: Answer[] }
  | { k: "tuple"; open: "(" | "["; close: ")" | "]"; items: Answer[] }
  /** `v`: the variable of the inequality it was written as, if any ("x ≤ 3" is not "y ≤ 3"). */
  | { k: "intervals"; parts: Interval[]; v?: string }
  | { k: "matrix"; rows: Node[][] }
  | { k: "ratio"; items: Node[] }
  | { k: "rel"; n: Node };

export interface Interval {
  open: "(" | "[";
  close: ")" | "]";
  lo: Node;
  hi: Node;
}

const INF: Node = { t: "const", name: "inf" };
const NEG_INF: Node = { t: "neg", a: INF };
const MAX_PM = 3;

function hasPm(n: Node): boolean {
  return (n.t === "bin" && n.op === "pm") || n.t === "pm" || children(n).some(hasPm);
}

/** All sign choices of ± in a scalar: "2 ± √3" → [2 + √3, 2 − √3]. */
export function expandPm(n: Node): Node[] {
  if (n.t === "pm") return expandPm(n.a).flatMap((a) => [a, { t: "neg", a } as Node]);
  if (n.t === "bin") {
    const as = expandPm(n.a), bs = expandPm(n.b);
    return as.flatMap((a) => bs.flatMap((b): Node[] => (n.op === "pm" ? [{ t: "bin", op: "+", a, b }, { t: "bin", op: "-", a, b }] : [{ ...n, a, b }])));
  }
  if (n.t === "neg") return expandPm(n.a).map((a) => ({ t: "neg", a }) as Node);
  if (n.t === "fn" && n.args.some(hasPm)) {
    let combos: Node[][] = [[]];
    for (const arg of n.args) combos = combos.flatMap((c) => expandPm(arg).map((x) => [...c, x]));
    return combos.map((args) => ({ ...n, args }));
  }
  return [n];
}

function scalar(n: Node): Answer {
  if (!hasPm(n)) return { k: "scalar", n };
  const variants = expandPm(n);
  if (variants.length > 2 ** MAX_PM) return { k: "scalar", n };
  return { k: "list", items: variants.map((v) => ({ k: "scalar", n: v })) };
}

const isSym = (n: Node) => n.t === "sym";
const flip: Record<string, RelOp> = { "<": ">", ">": "<", "<=": ">=", ">=": "<=" };

/** `a op b` with exactly one side a lone variable and the other free of variables, as an interval. */
const constant = (n: Node) => symbolsOf(n).size === 0;

/** |x − c| op r (or |x + c|, |x|) with c and r free of variables, as intervals: |x| ≤ 1 → [−1, 1]. */
function absoluteIntervals(n: Node & { t: "rel" }): Interval[] | null {
  if (n.terms.length !== 2) return null;
  let [a, r] = n.terms;
  let op = n.ops[0];
  if (a.t !== "fn") {
    [a, r] = [r, a];
    op = flip[op];
  }
  if (a.t !== "fn" || a.name !== "abs" || !constant(r)) return null;
  const arg = a.args[0];
  const zero: Node = { t: "num", v: { n: 0n, d: 1n }, decimals: 0 };
  const center: Node | null = isSym(arg) ? zero
    : arg.t === "bin" && isSym(arg.a) && constant(arg.b) && (arg.op === "-" || arg.op === "+") ? (arg.op === "-" ? arg.b : { t: "neg", a: arg.b })
    : null;
  if (!center) return null;
  const lo: Node = { t: "bin", op: "-", a: center, b: r };
  const hi: Node = { t: "bin", op: "+", a: center, b: r };
  if (op === "<" || op === "<=") return [{ open: op === "<" ? "(" : "[", close: op === "<" ? ")" : "]", lo, hi }];
  return [{ open: "(", close: op === ">" ? ")" : "]", lo: NEG_INF, hi: lo }, { open: op === ">" ? "(" : "[", close: ")", lo: hi, hi: INF }];
}

/** A numeric literal's sign (1, -1) or 0 when it is not a plain non-zero literal. */
function literalSign(n: Node): number {
  if (n.t === "num") return n.v.n > 0n ? 1 : n.v.n < 0n ? -1 : 0;
  if (n.t === "neg") return -literalSign(n.a);
  return 0;
}

/** k·x with k a non-zero numeric literal (-x, 2x, x/3, -2x): the variable and the coefficient. */
function scaledVariable(n: Node): { x: Node; k: Node; inverse: boolean } | null {
  if (n.t === "neg") {
    const inner = isSym(n.a) ? { x: n.a, k: { t: "num", v: { n: 1n, d: 1n }, decimals: 0 } as Node, inverse: false } : scaledVariable(n.a);
    return inner && { ...inner, k: { t: "neg", a: inner.k } };
  }
  if (n.t === "bin" && n.op === "*" && literalSign(n.a) && isSym(n.b)) return { x: n.b, k: n.a, inverse: false };
  if (n.t === "bin" && n.op === "*" && literalSign(n.b) && isSym(n.a)) return { x: n.a, k: n.b, inverse: false };
  if (n.t === "bin" && n.op === "/" && literalSign(n.b) && isSym(n.a)) return { x: n.a, k: n.b, inverse: true };
  return null;
}

/** "-y ≥ -4" → "y ≤ 4", "2x ≤ 8" → "x ≤ 8/2", "-4 ≤ -2t ≤ 6" → "2 ≥ t ≥ -3": one variable times a
 * literal, every other side constant; dividing by a negative coefficient flips the relations. */
function divideOut(n: Node & { t: "rel" }): (Node & { t: "rel" }) | null {
  const idx = n.terms.findIndex((t) => scaledVariable(t) !== null);
  if (idx < 0 || n.terms.some((t, j) => j !== idx && !constant(t))) return null;
  const { x, k, inverse } = scaledVariable(n.terms[idx])!;
  const negative = literalSign(k) < 0;
  const terms = n.terms.map((t, j): Node => (j === idx ? x : { t: "bin", op: inverse ? "*" : "/", a: t, b: k }));
  const ops = n.ops.map((o) => (negative ? flip[o] ?? o : o));
  return { t: "rel", ops, terms };
}

function inequalityIntervals(n: Node & { t: "rel" }): Interval[] | null {
  if (n.ops.some((o) => o === "=" || o === "!=" || o === "~")) return null;
  const abs = absoluteIntervals(n);
  if (abs) return abs;
  if (!n.terms.some(isSym)) {
    const d = divideOut(n);
    if (d) n = d;
  }
  const vars = n.terms.filter(isSym);
  if (vars.length !== 1 || n.terms.some((t) => !isSym(t) && symbolsOf(t).size > 0)) return null;
  const strict = (o: RelOp) => o === "<" || o === ">";
  if (n.terms.length === 2) {
    let [a, b] = n.terms;
    let op = n.ops[0];
    if (!isSym(a)) {
      [a, b] = [b, a];
      op = flip[op];
    }
    return op === "<" || op === "<="
      ? [{ open: "(", close: strict(op) ? ")" : "]", lo: NEG_INF, hi: b }]
      : [{ open: strict(op) ? "(" : "[", close: ")", lo: b, hi: INF }];
  }
  if (n.terms.length === 3 && isSym(n.terms[1])) {
    const [o1, o2] = n.ops;
    const up = (o: RelOp) => o === "<" || o === "<=";
    if (up(o1) !== up(o2)) return null;
    const [lo, hi, lop, hop] = up(o1) ? [n.terms[0], n.terms[2], o1, o2] : [n.terms[2], n.terms[0], o2, o1];
    return [{ open: strict(lop) ? "(" : "[", close: strict(hop) ? ")" : "]", lo, hi }];
  }
  return null;
}

function intervalsOf(n: Node): Interval[] | null {
  if (n.t === "rel") return inequalityIntervals(n);
  if (n.t === "group" && n.items.length === 2) return [{ open: n.open, close: n.close, lo: n.items[0], hi: n.items[1] }];
  if (n.t === "union") {
    const parts = n.items.map(intervalsOf);
    return parts.every((p) => p !== null) ? parts.flat() as Interval[] : null;
  }
  return null;
}

/** "a = b ≈ c": the exact part wins, "a = b"; a lone variable before ≈ ("x ≈ 0.707") keeps its value. */
function exactPart(n: Node & { t: "rel" }): Node {
  const i = n.ops.indexOf("~");
  if (i === 0 && isSym(n.terms[0])) return { ...n, ops: n.ops.map((o) => (o === "~" ? "=" : o)) };
  if (i === 0) return n.terms[0];
  return { t: "rel", ops: n.ops.slice(0, i), terms: n.terms.slice(0, i + 1) };
}

export function toAnswer(n: Node): Answer {
  switch (n.t) {
    case "in": return toAnswer(n.b);
    case "list": {
      // "n = 2, 3, 4": an assignment whose value is the rest of the list.
      const [first, ...rest] = n.items;
      if (first.t === "rel" && first.ops.length === 1 && first.ops[0] === "=" && isSym(first.terms[0]) && rest.every((r) => r.t !== "rel")) {
        const rhsNode: Node = { t: "list", items: [first.terms[1], ...rest] };
        return { k: "eq", lhs: first.terms[0], rhs: toAnswer(rhsNode), rhsNode };
      }
      return { k: "list", items: n.items.map(toAnswer) };
    }
    case "set": return { k: "set", items: n.items.map(toAnswer) };
    case "group": {
      if (n.items.length === 2 && n.items.every((x) => x.t !== "rel")) {
        const iv = intervalsOf(n)!;
        if (n.items.some((x) => x.t === "neg" && x.a.t === "const" && x.a.name === "inf") || n.items.some((x) => x.t === "const" && x.name === "inf"))
          return { k: "intervals", parts: iv };
      }
      return { k: "tuple", open: n.open, close: n.close, items: n.items.map(toAnswer) };
    }
    case "matrix": return { k: "matrix", rows: n.rows };
    case "union": {
      const iv = intervalsOf(n);
      if (iv) return { k: "intervals", parts: iv };
      return { k: "list", items: n.items.map(toAnswer) };
    }
    case "ratio": return { k: "ratio", items: n.items };
    case "rel": {
      if (n.ops.includes("~")) return toAnswer(exactPart(n));
      if (n.ops.every((o) => o === "=")) {
        const rhsNode = n.terms[n.terms.length - 1];
        return { k: "eq", lhs: n.terms[0], rhs: toAnswer(rhsNode), rhsNode };
      }
      const iv = inequalityIntervals(n);
      const v = [...symbolsOf(n)];
      return iv ? { k: "intervals", parts: iv, ...(v.length === 1 ? { v: v[0] } : {}) } : { k: "rel", n };
    }
    default: return scalar(n);
  }
}
