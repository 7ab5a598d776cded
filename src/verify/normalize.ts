// String-level clean-up of an answer before parsing: the notation that does not change its value
// goes (sizing commands, spacing, text and unit wrappers, thousands separators, dollar signs),
// and the notation that does (degrees, percent) becomes one canonical marker.
import { joinNumberSpacing } from "./number-format.ts";
import { BARE_UNIT, WRAPPED_UNIT } from "./units.ts";

/** [pattern, replacement, need]: a rule runs only when the text contains `need` ("u": any non-ASCII
 * character; "": always), which keeps the hot path to a few string scans for plain answers. */
const REPLACE: [RegExp, string, string][] = [
  [/\\(?:left|right)\s*\./g, "", "\\"],
  [/\\(?:left|right|bigl|bigr|Bigl|Bigr|biggl|biggr|Biggl|Biggr|big|Big|bigg|Bigg)(?![a-zA-Z])/g, "", "\\"],
  [/\\(?:displaystyle|textstyle|scriptstyle|limits|nolimits|mathstrut|strut|phantom\{[^{}]*\})(?![a-zA-Z])/g, "", "\\"],
  [/\\[dtc]frac(?![a-zA-Z])/g, "\\frac", "\\"],
  [/\\[dt]binom(?![a-zA-Z])/g, "\\binom", "\\"],
  [/\\(?:mathbb|mathbf)\s*\{\s*R\s*\}/g, "(-\\infty,\\infty)", "\\"],
  [/\^\s*\{\s*\\circ\s*\}|\^\s*\\circ|\\circ|\\degree|°|\^\s*\{\s*o\s*\}/g, "°", ""],
  [/(\d)\s*(?:degrees|degree|deg)(?![a-zA-Z])/g, "$1°", "deg"],
  [/°\s*(?:\\mathrm\{[CF]\}|[CF])(?![a-zA-Z])/g, "", "°"], // temperatures: 20°C is the number 20
  [/(\d)\s*(?:percentage points|percentage|percent|pct)(?![a-zA-Z])/g, "$1%", "p"],
  [/\\langle(?![a-zA-Z])/g, "(", "\\"],
  [/\\rangle(?![a-zA-Z])/g, ")", "\\"],
  [/\\%/g, "%", "\\"],
  [/\\\$|\$/g, "", "$"],
  [/\\(?:dots[bcmo]?|ldots|cdots)/g, "\\ldots", "\\"],
  [/−|–|—/g, "-", "u"],
  [/×/g, "\\times ", "u"],
  [/÷/g, "\\div ", "u"],
  [/·|⋅/g, "\\cdot ", "u"],
  [/π/g, "\\pi ", "u"],
  [/ℝ/g, "(-\\infty,\\infty)", "u"],
  [/∅/g, "\\emptyset ", "u"],
  [/∞/g, "\\infty ", "u"],
  [/√/g, "\\sqrt", "u"],
  [/≤/g, "\\le ", "u"],
  [/≥/g, "\\ge ", "u"],
  [/≠/g, "\\ne ", "u"],
  [/±/g, "\\pm ", "u"],
  [/∪/g, "\\cup ", "u"],
  [/∈/g, "\\in ", "u"],
  [/或/g, " or ", "u"], // Chinese: x=1或x=2
  [/且|和|、/g, " and ", "u"],
  [/≈/g, "\\approx ", "u"],
  [/\\(?:dfrac|tfrac)/g, "\\frac", "\\"],
  [/\\(?:lvert|rvert|vert|mid)(?![a-zA-Z])/g, "|", "\\"],
  [/(?<!\\)\\[,;:!> ]/g, " ", "\\"],
  [/(?<!\\)\\(?:quad|qquad|enspace|thinspace|medspace|thickspace|hfill)(?![a-zA-Z])/g, " ", "\\"],
  [/!=/g, "\\ne ", "!="],
  [/~/g, " ", "~"],
  [/\\neq(?![a-zA-Z])/g, "\\ne", "\\"],
];

/** Unwraps \text{…}-like commands; a wrapper holding only a unit disappears with it. */
function unwrapText(s: string): string {
  const re = /\\(?:text|textbf|textit|textrm|textnormal|mathrm|mathit|mathbf|mathsf|mathtt|mbox|hbox|operatorname|boldsymbol|bm|emph)\s*\{([^{}]*)\}(\s*\^\s*(?:\{\s*[23]\s*\}|[23]))?/g;
  for (let k = 0; k < 4 && re.test(s); k++) {
    s = s.replace(re, (_, inner: string, power: string | undefined) => {
      if (WRAPPED_UNIT.test(inner)) return " ";
      if (/^\s*(?:sin|cos|tan|ln|log|exp|arcsin|arccos|arctan)\s*$/.test(inner)) return `\\${inner.trim()} ${power ?? ""}`;
      return ` ${inner} ${power ?? ""}`;
    });
  }
  return s;
}

/** Digit groups written with separators: 1,000,000 · 1\,000 · 1{,}000 · 1 000. Not inside brackets,
 * where a comma separates items ("[1,100]"). */
function joinThousands(s: string): string {
  s = s.replace(/(\d)\{,\}(?=\d{3}(?!\d))/g, "$1").replace(/(\d)\{,\}(?=\d)/g, "$1.");
  s = s.replace(/(\d)(?:\\,|\\ |\\!| )(?=\d{3}(?!\d))/g, "$1");
  if (/^[^([{]*$/.test(s) || /^\s*-?[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?\s*$/.test(s)) {
    s = s.replace(/(^|[^\d.,])([1-9]\d{0,2}(?:,\d{3})+)(?![\d]|,\d)/g, (_, pre: string, num: string) => pre + num.replace(/,/g, ""));
  }
  return s;
}

/** 0.1\overline{6} → \frac{1}{6}: a repeating decimal as the exact fraction it names. */
function repeatingDecimals(s: string): string {
  return s.replace(/(-?)(\d*)\.(\d*)\\(?:overline|dot)\s*\{(\d{1,20})\}/g, (_, sign: string, int: string, fixed: string, rep: string) => {
    const scale = 10n ** BigInt(fixed.length);
    const period = 10n ** BigInt(rep.length) - 1n;
    const num = (BigInt(int || "0") * scale + BigInt(fixed || "0")) * period + BigInt(rep);
    return `${sign}\\frac{${num}}{${scale * period}}`;
  });
}

/** Words that may follow a number and still be math. */
const MATH_WORDS = new Set(["and", "or", "hundred", "thousand", "million", "billion", "trillion", "dozen", "pi", "inf", "infinity", "sin", "cos", "tan", "cot", "sec", "csc", "ln", "log", "exp", "sqrt", "mod", "arcsin", "arccos", "arctan", "sinh", "cosh", "tanh", "gcd", "lcm", "max", "min"]);

/** Words written after the number that ends an answer ("17 oranges", "7\text{th}") are not part of it. */
function dropTrailingWords(s: string): string {
  // A closing remark in parentheses: "5 (the smallest)".
  s = s.replace(/([\d)}\]])\s*\((?:\s*[A-Za-z][A-Za-z',.-]*){1,6}\s*\)$/, "$1");
  const m = /^(.*[\d)}\]])\s*((?:[A-Za-z]{2,}\s*){1,3})$/.exec(s);
  if (!m || !/\d/.test(m[1]) || m[2].trim().split(/\s+/).some((w) => MATH_WORDS.has(w.toLowerCase()))) return s;
  return m[1];
}

/** "\quad" between two answers separates them ("x_1 = 1 \quad x_2 = 3", also glued: "\quadx_2"). */
function quadSeparators(s: string): string {
  if (!s.includes("quad")) return s;
  s = s.replace(/\\(q?quad)(?=[a-zA-Z])/g, "\\$1 ");
  return s.replace(/([\w)}\]'])\s*(?:\\q?quad\s*)+(?=[-\w(\\[])/g, "$1, ");
}

/** Set-builder notation is its condition: "\{x \mid x > 3\}", "\{x : x > 3\}", "\{x \in \mathbb{R} \mid x > 3\}" → "x > 3". */
function setBuilder(s: string): string {
  const m = /^\\\{\s*([a-zA-Z])\s*(?:\\in\s*(?:\\mathbb\s*\{?[RZNQ]\}?|\(-\\infty,\\infty\))\s*)?(?:\\mid|\||:)\s*([\s\S]+?)\s*\\\}$/.exec(s);
  return m && m[2].includes(m[1]) ? m[2] : s;
}

/** Answers in words that name a set: "all real numbers" is ℝ, "no solution" is ∅ (as is \emptyset). */
function solutionWords(s: string): string {
  const t = s.trim().replace(/[.\s]+$/, "").toLowerCase();
  if (/^(?:x\s*(?:is|can be|\\in)\s*)?(?:all real numbers|all reals|any real number)$/.test(t)) return "(-\\infty,\\infty)";
  if (/^(?:there (?:is|are) )?no (?:real )?solutions?(?: exists?)?$/.test(t)) return "\\emptyset";
  return s;
}

export function normalize(raw: string): string {
  let s = raw.trim();
  const backslash = s.includes("\\");
  const letters = /[a-zA-Z]/.test(s);
  if (backslash) {
    s = repeatingDecimals(s);
    if (s.endsWith("\\")) s = s.replace(/(?<!\\)\\$/, "");
  }
  if (letters) s = s.replace(/(\d)(?:st|nd|rd|th)(?![a-zA-Z])/g, "$1");
  s = joinNumberSpacing(s);
  if (backslash || s.includes(",") || s.includes("{") || /\d\s\d/.test(s)) s = joinThousands(s);
  if (backslash) s = quadSeparators(unwrapText(s));
  const unicode = /[^\x00-\x7F]/.test(s);
  // Full-width forms (Chinese and Japanese input): （1，2） → (1,2), ｘ＝２ → x=2.
  if (unicode) s = s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, " ");
  for (const [re, to, need] of REPLACE) if (need === "" || (need === "u" ? unicode : s.includes(need))) s = s.replace(re, to);
  if (s.includes("\\{")) s = setBuilder(s.trim());
  if (letters) s = solutionWords(s);
  if (/[a-zA-Z]/.test(s)) {
    if (/[\d)}]\s*[a-zA-Z]/.test(s)) s = s.replace(BARE_UNIT, "$1 ");
    s = dropTrailingWords(s.trim());
    s = s.replace(/^\s*(?:final answer|answer|the answer is|ans)\s*[:=]?\s*/i, "");
  }
  s = s.replace(/[\s.;]+$/, "").replace(/^[\s:]+/, "");
  return s.replace(/\s+/g, " ").trim();
}
