// The parsed form of an answer. Scalars are ordinary expression trees; the containers (lists,
// sets, bracketed tuples/intervals, matrices, relations) are what answers add on top of them.
import type { Q } from "./rational.ts";

export type Node =
  /** A numeric literal; `decimals` counts the digits written after the point (0 for integers). */
  | { t: "num"; v: Q; decimals: number }
  | { t: "sym"; name: string }
  | { t: "const"; name: "pi" | "e" | "i" | "inf" }
  | { t: "bin"; op: "+" | "-" | "*" | "/" | "^" | "pm"; a: Node; b: Node }
  | { t: "neg"; a: Node }
  | { t: "pm"; a: Node }
  | { t: "fn"; name: string; args: Node[] }
  | { t: "pct"; a: Node }
  | { t: "deg"; a: Node }
  /** Bracketed items: a tuple, a point, or an interval; open/close are the bracket characters. */
  | { t: "group"; open: "(" | "["; close: ")" | "]"; items: Node[] }
  | { t: "set"; items: Node[] }
  | { t: "matrix"; rows: Node[][] }
  /** A chain of relations: terms[0] ops[0] terms[1] ops[1] terms[2] ... */
  | { t: "rel"; ops: RelOp[]; terms: Node[] }
  | { t: "list"; items: Node[] }
  | { t: "union"; items: Node[] }
  | { t: "in"; a: Node; b: Node }
  | { t: "text"; text: string }
  /** A ratio a : b (: c …). */
  | { t: "ratio"; items: Node[] };

/** "~" is \approx: the side before it is exact, the side after an approximation. */
export type RelOp = "=" | "!=" | "<" | "<=" | ">" | ">=" | "~";

/** A canonical one-line rendering, used for display and for deciding what values cannot. */
export function show(n: Node): string {
  switch (n.t) {
    case "num": return n.v.d === 1n ? n.v.n.toString() : `(${n.v.n}/${n.v.d})`;
    case "sym": return n.name;
    case "const": return n.name === "inf" ? "oo" : n.name;
    case "bin": return `(${show(n.a)}${n.op === "pm" ? "±" : n.op}${show(n.b)})`;
    case "neg": return `(-${show(n.a)})`;
    case "pm": return `(±${show(n.a)})`;
    case "fn": return `${n.name}(${n.args.map(show).join(",")})`;
    case "pct": return `${show(n.a)}%`;
    case "deg": return `${show(n.a)}°`;
    case "group": return `${n.open}${n.items.map(show).join(",")}${n.close}`;
    case "set": return `{${n.items.map(show).join(",")}}`;
    case "matrix": return `[${n.rows.map((r) => r.map(show).join(",")).join(";")}]`;
    case "rel": return n.terms.map((t, i) => (i ? n.ops[i - 1] : "") + show(t)).join("");
    case "list": return n.items.map(show).join(",");
    case "union": return n.items.map(show).join("∪");
    case "in": return `${show(n.a)}∈${show(n.b)}`;
    case "text": return JSON.stringify(n.text);
    case "ratio": return n.items.map(show).join(":");
  }
}

/** Variable names used anywhere in the tree. */
export function symbolsOf(n: Node, out = new Set<string>()): Set<string> {
  if (n.t === "sym") out.add(n.name);
  for (const c of children(n)) symbolsOf(c, out);
  return out;
}

export function children(n: Node): Node[] {
  switch (n.t) {
    case "bin": return [n.a, n.b];
    case "neg": case "pm": case "pct": case "deg": return [n.a];
    case "fn": return n.args;
    case "group": case "set": case "list": case "union": case "ratio": return n.items;
    case "matrix": return n.rows.flat();
    case "rel": return n.terms;
    case "in": return [n.a, n.b];
    default: return [];
  }
}
