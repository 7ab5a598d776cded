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
  | { k: "intervals"; parts: Interval[] }
  | { k: "matrix"; rows: Node[][] }
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

function inequalityIntervals(n: Node & { t: "rel" }): Interval[] | null {
  if (n.ops.some((o) => o === "=" || o === "!=")) return null;
  const abs = absoluteIntervals(n);
  if (abs) return abs;
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
    case "rel": {
      if (n.ops.every((o) => o === "=")) {
        const rhsNode = n.terms[n.terms.length - 1];
        return { k: "eq", lhs: n.terms[0], rhs: toAnswer(rhsNode), rhsNode };
      }
      const iv = inequalityIntervals(n);
      return iv ? { k: "intervals", parts: iv } : { k: "rel", n };
    }
    default: return scalar(n);
  }
}
