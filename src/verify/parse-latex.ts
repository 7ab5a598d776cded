// A recursive-descent parser from a normalized LaTeX answer to a Node tree. It reads the math
// that final answers are written in (numbers, fractions, roots, powers, functions, brackets,
// sets, matrices, relations, lists), refuses anything else with a ParseError, and bounds its
// nesting depth so adversarial input cannot exhaust the stack.
import { show, type Node, type RelOp } from "./ast.ts";
import { Budget } from "./budget.ts";
import { ParseError } from "./parse-error.ts";
import { fromDecimal, TooLargeError } from "./rational.ts";
import { tokenize, type Token } from "./tokenize.ts";

const MAX_DEPTH = 300;
const FUNCTIONS = new Set(["sin", "cos", "tan", "cot", "sec", "csc", "arcsin", "arccos", "arctan", "sinh", "cosh", "tanh", "ln", "log", "exp", "gcd", "lcm", "max", "min"]);
const GREEK = new Set(["alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta", "vartheta", "iota", "kappa", "lambda", "mu", "nu", "xi", "rho", "sigma", "tau", "upsilon", "phi", "varphi", "chi", "psi", "omega", "Gamma", "Delta", "Theta", "Lambda", "Xi", "Sigma", "Phi", "Psi", "Omega"]);
const REL: Record<string, RelOp> = { "=": "=", "<": "<", ">": ">", le: "<=", leq: "<=", leqslant: "<=", ge: ">=", geq: ">=", geqslant: ">=", ne: "!=", neq: "!=", lt: "<", gt: ">", approx: "~", equiv: "=", simeq: "~" };
const MATRIX_ENVS = new Set(["pmatrix", "bmatrix", "matrix", "vmatrix", "Bmatrix", "smallmatrix", "array"]);

export function parseLatex(src: string, budget: Budget = Budget.ms(1000)): Node {
  return new Parser(tokenize(src), budget).parseTop();
}

class Parser {
  private pos = 0;
  private depth = 0;
  /** Inside |…| a bar closes; outside, a bar after a factor opens a new |…| factor. */
  private absDepth = 0;
  constructor(private readonly toks: Token[], private readonly budget: Budget) {}

  private peek(o = 0): Token | undefined {
    return this.toks[this.pos + o];
  }
  private isOp(s: string, o = 0): boolean {
    const t = this.toks[this.pos + o];
    return t !== undefined && t.k === "op" && t.s === s;
  }
  private isCmd(s: string): boolean {
    const t = this.peek();
    return t !== undefined && t.k === "cmd" && t.s === s;
  }
  private expectOp(s: string): void {
    if (!this.isOp(s)) throw new ParseError(`expected "${s}"${this.peek() ? ` before "${this.peek()!.s}"` : " at the end"}`);
    this.pos++;
  }
  private enter(): void {
    this.budget.check();
    if (++this.depth > MAX_DEPTH) throw new ParseError("nested too deeply");
  }

  parseTop(): Node {
    if (this.toks.length === 0) throw new ParseError("empty answer");
    const items = this.parseItems(["op:,", "op:;", "word:and"]);
    if (this.pos < this.toks.length) throw new ParseError(`unexpected "${this.peek()!.s}"`);
    return items.length === 1 ? items[0] : { t: "list", items };
  }

  private atSep(seps: string[]): boolean {
    const t = this.peek();
    return t !== undefined && seps.includes(`${t.k}:${t.s}`);
  }

  /** Items separated by any of `seps` (e.g. commas), each an "or"-union of relations. */
  private parseItems(seps: string[]): Node[] {
    const items = [this.parseOr()];
    while (this.atSep(seps)) {
      this.pos++;
      items.push(this.parseOr());
    }
    return items;
  }

  private parseOr(): Node {
    const first = this.parseRelation();
    const items = [first];
    while (this.peek()?.k === "word" && this.peek()!.s === "or") {
      this.pos++;
      items.push(this.parseRelation());
    }
    return items.length === 1 ? first : { t: "union", items };
  }

  private relOp(): RelOp | null {
    const t = this.peek();
    if (!t) return null;
    if (t.k === "op" && (t.s === "=" || t.s === "<" || t.s === ">")) {
      if (this.isOp("=", 1) && t.s !== "=") {
        this.pos++;
        return t.s === "<" ? "<=" : ">=";
      }
      return t.s as RelOp;
    }
    return t.k === "cmd" ? REL[t.s] ?? null : null;
  }

  private parseRelation(): Node {
    this.enter();
    const terms = [this.parseRatio()];
    const ops: RelOp[] = [];
    if (this.isCmd("in")) {
      this.pos++;
      const b = this.parseUnion();
      this.depth--;
      return { t: "in", a: terms[0], b };
    }
    for (let op = this.relOp(); op; op = this.relOp()) {
      this.pos++;
      ops.push(op);
      terms.push(this.parseRatio());
    }
    this.depth--;
    return ops.length ? { t: "rel", ops, terms } : terms[0];
  }

  /** a : b (: c …), a ratio. */
  private parseRatio(): Node {
    const first = this.parseUnion();
    if (!this.isOp(":")) return first;
    const items = [first];
    while (this.isOp(":")) {
      this.pos++;
      items.push(this.parseUnion());
    }
    return { t: "ratio", items };
  }

  private parseUnion(): Node {
    const items = [this.parseAdditive()];
    while (this.isCmd("cup")) {
      this.pos++;
      items.push(this.parseAdditive());
    }
    return items.length === 1 ? items[0] : { t: "union", items };
  }

  private parseAdditive(): Node {
    this.enter();
    let a = this.parseMultiplicative();
    for (;;) {
      const t = this.peek();
      if (t?.k === "op" && (t.s === "+" || t.s === "-")) {
        this.pos++;
        a = { t: "bin", op: t.s, a, b: this.parseMultiplicative() };
      } else if (t?.k === "cmd" && (t.s === "pm" || t.s === "mp")) {
        this.pos++;
        const b = this.parseMultiplicative();
        a = { t: "bin", op: "pm", a, b: t.s === "mp" ? { t: "neg", a: b } : b };
      } else break;
    }
    this.depth--;
    return a;
  }

  private parseMultiplicative(): Node {
    this.enter();
    let a = this.parseUnary();
    for (;;) {
      const t = this.peek();
      if (!t) break;
      if (t.k === "cmd" && (t.s === "bmod" || t.s === "mod")) {
        this.pos++;
        a = { t: "fn", name: "mod", args: [a, this.parseUnary()] };
      } else if ((t.k === "op" && (t.s === "*" || t.s === "/")) || (t.k === "cmd" && (t.s === "cdot" || t.s === "times" || t.s === "div" || t.s === "ast"))) {
        this.pos++;
        const b = this.parseUnary();
        a = { t: "bin", op: t.s === "/" || t.s === "div" ? "/" : "*", a, b };
      } else if (this.startsFactor()) {
        const b = this.parsePostfix();
        a = this.juxtapose(a, b);
      } else break;
    }
    this.depth--;
    return a;
  }

  /** Writing two things side by side multiplies them, except a whole number before a numeric fraction (a mixed number). */
  private juxtapose(a: Node, b: Node): Node {
    if (a.t === "num" && b.t === "num") throw new ParseError("two numbers in a row");
    if (a.t === "num" && a.decimals === 0 && a.v.n >= 0n && b.t === "bin" && b.op === "/" && (b as any).mixed) return { t: "bin", op: "+", a, b };
    return { t: "bin", op: "*", a, b };
  }

  private startsFactor(): boolean {
    const t = this.peek();
    if (!t) return false;
    if (t.k === "num" || t.k === "letter" || t.k === "begin") return true;
    if (t.k === "word") return t.s !== "or" && t.s !== "and";
    if (t.k === "op") return t.s === "(" || t.s === "{" || (t.s === "|" && this.absDepth === 0);
    return t.k === "cmd" && !(t.s in REL) && !["pm", "mp", "cdot", "times", "div", "ast", "cup", "in", "rfloor", "rceil", "rvert", "bmod", "mod"].includes(t.s);
  }

  private parseUnary(): Node {
    this.enter();
    let r: Node;
    if (this.isOp("-")) {
      this.pos++;
      r = { t: "neg", a: this.parseUnary() };
    } else if (this.isOp("+")) {
      this.pos++;
      r = this.parseUnary();
    } else if (this.isCmd("pm") || this.isCmd("mp")) {
      this.pos++;
      r = { t: "pm", a: this.parseUnary() };
    } else r = this.parsePostfix();
    this.depth--;
    return r;
  }

  private parsePostfix(): Node {
    this.enter();
    let a = this.parsePrimary();
    for (;;) {
      if (this.isOp("^")) {
        this.pos++;
        a = { t: "bin", op: "^", a, b: this.parseExponent() };
      } else if (this.isOp("!")) {
        this.pos++;
        a = { t: "fn", name: "factorial", args: [a] };
      } else if (this.isOp("%")) {
        this.pos++;
        a = { t: "pct", a };
      } else if (this.isOp("°")) {
        this.pos++;
        a = { t: "deg", a };
      } else break;
    }
    this.depth--;
    return a;
  }

  private parseExponent(): Node {
    if (this.isOp("{")) return this.parseBraced();
    if (this.isOp("-")) {
      this.pos++;
      return { t: "neg", a: this.parsePrimary() };
    }
    return this.parsePrimary();
  }

  private parseBraced(): Node {
    this.expectOp("{");
    const items = this.parseItems(["op:,"]);
    this.expectOp("}");
    return items.length === 1 ? items[0] : { t: "list", items };
  }

  /** A command argument: a braced group or a single token (a digit of "\frac12" counts alone). */
  private parseArg(): Node {
    if (this.isOp("{")) return this.parseBraced();
    const t = this.peek();
    if (t?.k === "num" && t.s.length > 1 && /^\d+$/.test(t.s)) {
      this.toks.splice(this.pos, 1, { k: "num", s: t.s[0] }, { k: "num", s: t.s.slice(1) });
    }
    return this.parsePrimary();
  }

  private number(s: string): Node {
    const dot = s.indexOf(".");
    const mant = s.split(/[eE]/)[0];
    try {
      return { t: "num", v: fromDecimal(s), decimals: dot < 0 ? 0 : mant.length - dot - 1 };
    } catch (e) {
      if (e instanceof TooLargeError) throw new ParseError(`the number ${s.slice(0, 20)}… is too large`);
      throw e;
    }
  }

  private parsePrimary(): Node {
    this.enter();
    const t = this.peek();
    if (!t) throw new ParseError("unexpected end of answer");
    this.pos++;
    let r: Node;
    if (t.k === "num") r = this.number(t.s);
    else if (t.k === "letter") r = this.subscripted(t.s);
    else if (t.k === "word") {
      if (t.s === "or" || t.s === "and") throw new ParseError(`unexpected "${t.s}"`);
      r = { t: "sym", name: t.s };
    } else if (t.k === "begin") r = this.parseEnvironment(t.s);
    else if (t.k === "end") throw new ParseError(`unexpected \\end{${t.s}}`);
    else if (t.k === "cmd") r = this.parseCommand(t.s);
    else r = this.parseOpening(t.s);
    this.depth--;
    return r;
  }

  private subscripted(base: string): Node {
    // Primes: f', g''(x).
    while (this.isOp("'")) {
      this.pos++;
      base += "'";
    }
    if (!this.isOp("_")) return base === "e" ? { t: "const", name: "e" } : base === "i" ? { t: "const", name: "i" } : { t: "sym", name: base };
    this.pos++;
    const sub = this.isOp("{") ? this.parseBraced() : this.parsePrimary();
    return { t: "sym", name: `${base}_${show(sub)}` };
  }

  private parseOpening(s: string): Node {
    if (s === "{") {
      this.pos--;
      return this.parseBraced();
    }
    if (s === "(" || s === "[") {
      const items = this.parseItems(["op:,", "op:;"]);
      const close = this.peek();
      if (!close || close.k !== "op" || (close.s !== ")" && close.s !== "]")) throw new ParseError(`unclosed "${s}"`);
      this.pos++;
      if (items.length === 1 && ((s === "(" && close.s === ")") || (s === "[" && close.s === "]"))) return items[0];
      return { t: "group", open: s, close: close.s as ")" | "]", items };
    }
    if (s === "\\{") {
      if (this.isOp("\\}")) {
        this.pos++;
        return { t: "set", items: [] };
      }
      const items = this.parseItems(["op:,", "op:;"]);
      this.expectOp("\\}");
      return { t: "set", items };
    }
    if (s === "|") {
      this.absDepth++;
      const a = this.parseAdditive();
      this.absDepth--;
      this.expectOp("|");
      return { t: "fn", name: "abs", args: [a] };
    }
    throw new ParseError(`unexpected "${s}"`);
  }

  private closeWith(cmd: string): void {
    if (!this.isCmd(cmd)) throw new ParseError(`expected \\${cmd}`);
    this.pos++;
  }

  private parseCommand(s: string): Node {
    if (s === "frac") {
      const a = this.parseArg();
      const b = this.parseArg();
      const mixed = a.t === "num" && b.t === "num" && a.decimals === 0 && b.decimals === 0;
      return Object.assign({ t: "bin", op: "/", a, b } as Node, mixed ? { mixed: true } : {});
    }
    if (s === "sqrt") {
      let index: Node | null = null;
      if (this.isOp("[")) {
        this.pos++;
        index = this.parseAdditive();
        this.expectOp("]");
      }
      const a = this.parseArg();
      return { t: "fn", name: "root", args: [a, index ?? { t: "num", v: fromDecimal("2"), decimals: 0 }] };
    }
    if (s === "binom") return { t: "fn", name: "binom", args: [this.parseArg(), this.parseArg()] };
    if (s === "pi") return { t: "const", name: "pi" };
    if (s === "infty" || s === "infin") return { t: "const", name: "inf" };
    if (s === "emptyset" || s === "varnothing") return { t: "set", items: [] };
    if (s === "lfloor" || s === "lceil") {
      const a = this.parseAdditive();
      this.closeWith(s === "lfloor" ? "rfloor" : "rceil");
      return { t: "fn", name: s === "lfloor" ? "floor" : "ceil", args: [a] };
    }
    if (s === "lvert") {
      const a = this.parseAdditive();
      this.closeWith("rvert");
      return { t: "fn", name: "abs", args: [a] };
    }
    if (GREEK.has(s)) return this.subscripted(s);
    if (s === "angle" || s === "triangle" || s === "measuredangle") {
      // A named figure, used as a label: \angle ABC, \triangle PQR.
      let name = s;
      while (this.peek()?.k === "letter") name += this.toks[this.pos++].s;
      return { t: "sym", name };
    }
    if (s === "overline" || s === "vec" || s === "overrightarrow") return { t: "sym", name: `${s}(${show(this.parseArg())})` };
    if (s === "lim" || s === "sum" || s === "prod" || s === "int" || s === "iint" || s === "oint") return this.parseBigOperator(s);
    if (s === "ldots" || s === "cdots" || s === "dots") return { t: "sym", name: "..." };
    if (FUNCTIONS.has(s)) return this.parseFunction(s);
    throw new ParseError(`unsupported command \\${s}`);
  }

  /** Skips one script argument (a braced group or a single token) without reading it. */
  private skipScript(): string {
    const start = this.pos;
    if (this.isOp("{")) {
      let depth = 0;
      do {
        const t = this.toks[this.pos++];
        if (t.k === "op" && t.s === "{") depth++;
        else if (t.k === "op" && t.s === "}") depth--;
      } while (depth > 0 && this.pos < this.toks.length);
      if (depth > 0) throw new ParseError("unclosed {");
    } else this.pos++;
    return this.toks.slice(start, this.pos).map((t) => t.s).join(" ");
  }

  /** \lim_{x\to 0} f, \sum_{k=1}^{n} f, \int_0^1 f dx: not evaluated; an opaque value whose bound
   * variable is not free, so "\lim_{x\to0}\frac{\sin x}{x} = 1" reads as a computed chain. */
  private parseBigOperator(name: string): Node {
    let text = name;
    for (;;) {
      if (this.isOp("_") || this.isOp("^")) {
        text += this.toks[this.pos++].s;
        if (!this.peek()) throw new ParseError(`\\${name} without its argument`);
        text += this.skipScript();
      } else break;
    }
    if (!this.startsFactor()) throw new ParseError(`\\${name} without its argument`);
    let body = this.parsePostfix();
    while (this.startsFactor()) body = this.juxtapose(body, this.parsePostfix());
    return { t: "text", text: `${text} ${show(body)}` };
  }

  /** `\sin x`, `\sin(2x)`, `\sin^2 x`, `\sin^{-1} x`, `\log_2 8`, `\max(a, b)`. */
  private parseFunction(name: string): Node {
    let power: Node | null = null;
    let base: Node | null = null;
    for (;;) {
      if (this.isOp("^")) {
        this.pos++;
        power = this.parseExponent();
      } else if (this.isOp("_")) {
        this.pos++;
        base = this.isOp("{") ? this.parseBraced() : this.parsePrimary();
      } else break;
    }
    if (power && power.t === "neg" && power.a.t === "num" && power.a.v.n === 1n && power.a.v.d === 1n && ["sin", "cos", "tan"].includes(name)) {
      name = "arc" + name;
      power = null;
    }
    let args: Node[];
    if (this.isOp("(")) {
      this.pos++;
      args = this.parseItems(["op:,"]);
      this.expectOp(")");
    } else if (this.isOp("{")) {
      args = [this.parseBraced()];
    } else {
      // Unbracketed argument: the product of the factors written right after it ("\sin 2x").
      let a = this.parsePostfix();
      while (this.startsFactor() && !(this.peek()!.k === "cmd" && FUNCTIONS.has(this.peek()!.s))) a = this.juxtapose(a, this.parsePostfix());
      args = [a];
    }
    if (base) args = [...args, base];
    const call: Node = { t: "fn", name, args };
    return power ? { t: "bin", op: "^", a: call, b: power } : call;
  }

  private parseEnvironment(env: string): Node {
    if (!MATRIX_ENVS.has(env)) throw new ParseError(`unsupported environment ${env}`);
    // A vmatrix is a determinant: a value.
    if (env === "vmatrix") return { t: "fn", name: "det", args: [this.parseMatrixBody(env)] };
    return this.parseMatrixBody(env);
  }

  private parseMatrixBody(env: string): Node {
    const rows: Node[][] = [[]];
    for (;;) {
      const t = this.peek();
      if (!t) throw new ParseError(`unclosed \\begin{${env}}`);
      if (t.k === "end") {
        this.pos++;
        break;
      }
      rows[rows.length - 1].push(this.parseRelation());
      if (this.isOp("&")) this.pos++;
      else if (this.isOp("\\\\")) {
        this.pos++;
        if (this.peek()?.k !== "end") rows.push([]);
      }
    }
    if (rows.some((r) => r.length !== rows[0].length) || rows[0].length === 0) throw new ParseError("ragged matrix");
    return { t: "matrix", rows };
  }
}
