// Splits a normalized LaTeX answer into tokens: numbers, letters, words (runs of 4+ letters,
// which are answers like "Monday", not products of variables), commands and single symbols.
import { ParseError } from "./parse-error.ts";

export type Token =
  | { k: "num"; s: string }
  | { k: "letter"; s: string }
  | { k: "word"; s: string }
  | { k: "cmd"; s: string }
  | { k: "begin" | "end"; s: string }
  | { k: "op"; s: string };

/** Letter runs written without a backslash that still name functions ("sin x", "log(2)"). */
const BARE_FUNCTIONS = new Set(["sin", "cos", "tan", "cot", "sec", "csc", "arcsin", "arccos", "arctan", "sinh", "cosh", "tanh", "ln", "log", "exp", "sqrt", "gcd", "lcm", "max", "min"]);
const NUMBER = /\d*\.?\d*(?:[eE][+-]?\d+(?![a-zA-Z]))?/y;
const SINGLE = "+-*/^_()[]{},;=<>|!&'%°:";

export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const n = src.length;
  while (i < n) {
    const c = src[i];
    if (c === " " || c === "\n" || c === "\t" || c === "\r") {
      i++;
      continue;
    }
    if ((c >= "0" && c <= "9") || (c === "." && src[i + 1] >= "0" && src[i + 1] <= "9")) {
      NUMBER.lastIndex = i;
      let s = NUMBER.exec(src)![0];
      if (s.endsWith(".")) s = s.slice(0, -1); // "5." is 5 followed by a full stop
      out.push({ k: "num", s });
      i += s.length;
      continue;
    }
    if (/[a-zA-Z]/.test(c)) {
      let j = i;
      while (j < n && /[a-zA-Z]/.test(src[j])) j++;
      const run = src.slice(i, j);
      const low = run.toLowerCase();
      if (BARE_FUNCTIONS.has(run)) out.push({ k: "cmd", s: run });
      else if (low === "pi") out.push({ k: "cmd", s: "pi" });
      else if (low === "or" || low === "and") out.push({ k: "word", s: low });
      else if (low === "infinity" || low === "inf") out.push({ k: "cmd", s: "infty" });
      else if (run.length >= 4) out.push({ k: "word", s: low });
      else for (const ch of run) out.push({ k: "letter", s: ch });
      i = j;
      continue;
    }
    if (c === "\\") {
      const m = /^\\([a-zA-Z]+|.)/.exec(src.slice(i, i + 40));
      if (!m) throw new ParseError("a lone backslash");
      i += m[0].length;
      const name = m[1];
      if (name === "begin" || name === "end") {
        const env = /^\s*\{([a-zA-Z*]+)\}/.exec(src.slice(i, i + 40));
        if (!env) throw new ParseError(`\\${name} without an environment name`);
        i += env[0].length;
        out.push({ k: name, s: env[1].replace("*", "") });
        if (name === "begin" && env[1] === "array") {
          const spec = /^\s*\{[^{}]*\}/.exec(src.slice(i, i + 100));
          if (spec) i += spec[0].length;
        }
        continue;
      }
      if (name === "{" || name === "}") out.push({ k: "op", s: name === "{" ? "\\{" : "\\}" });
      else if (name === "\\") out.push({ k: "op", s: "\\\\" });
      else if (name === "%") out.push({ k: "op", s: "%" });
      else if (/[a-zA-Z]/.test(name)) out.push({ k: "cmd", s: name });
      else throw new ParseError(`unknown command \\${name}`);
      continue;
    }
    if (SINGLE.includes(c)) {
      out.push({ k: "op", s: c });
      i++;
      continue;
    }
    throw new ParseError(`unexpected character ${JSON.stringify(c)}`);
  }
  return out;
}
