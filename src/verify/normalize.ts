// String-level clean-up of an answer before parsing: the notation that does not change its value
// goes (sizing commands, spacing, text and unit wrappers, thousands separators, dollar signs),
// and the notation that does (degrees, percent) becomes one canonical marker.
import { BARE_UNIT, WRAPPED_UNIT } from "./units.ts";

const REPLACE: [RegExp, string][] = [
  [/\\(?:left|right)\s*\./g, ""],
  [/\\(?:left|right|bigl|bigr|Bigl|Bigr|biggl|biggr|Biggl|Biggr|big|Big|bigg|Bigg)(?![a-zA-Z])/g, ""],
  [/\\(?:displaystyle|textstyle|scriptstyle|limits|nolimits|mathstrut|strut|phantom\{[^{}]*\})(?![a-zA-Z])/g, ""],
  [/\\[dtc]frac(?![a-zA-Z])/g, "\\frac"],
  [/\\[dt]binom(?![a-zA-Z])/g, "\\binom"],
  [/\\(?:mathbb|mathbf)\s*\{\s*R\s*\}/g, "(-\\infty,\\infty)"],
  [/\^\s*\{\s*\\circ\s*\}|\^\s*\\circ|\\circ|\\degree|°|\^\s*\{\s*o\s*\}/g, "°"],
  [/(\d)\s*(?:degrees|degree|deg)(?![a-zA-Z])/g, "$1°"],
  [/°\s*(?:\\mathrm\{[CF]\}|[CF])(?![a-zA-Z])/g, ""], // temperatures: 20°C is the number 20
  [/(\d)\s*(?:percent|pct)(?![a-zA-Z])/g, "$1%"],
  [/\\%/g, "%"],
  [/\\\$|\$/g, ""],
  [/\\(?:dots[bcmo]?|ldots|cdots)/g, "\\ldots"],
  [/−|–|—/g, "-"],
  [/×/g, "\\times "],
  [/÷/g, "\\div "],
  [/·|⋅/g, "\\cdot "],
  [/π/g, "\\pi "],
  [/∞/g, "\\infty "],
  [/√/g, "\\sqrt"],
  [/≤/g, "\\le "],
  [/≥/g, "\\ge "],
  [/≠/g, "\\ne "],
  [/±/g, "\\pm "],
  [/∪/g, "\\cup "],
  [/∈/g, "\\in "],
  [/\\(?:dfrac|tfrac)/g, "\\frac"],
  [/\\(?:lvert|rvert|vert|mid)(?![a-zA-Z])/g, "|"],
  [/(?<!\\)\\(?:,|;|:|!|>| |quad|qquad|enspace|thinspace|medspace|thickspace|hfill)(?![a-zA-Z])/g, " "],
  [/~/g, " "],
  [/\\neq(?![a-zA-Z])/g, "\\ne"],
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
  if (/^[^([{]*$/.test(s) || /^\s*-?\d{1,3}(?:,\d{3})+(?:\.\d+)?\s*$/.test(s)) {
    s = s.replace(/(^|[^\d.,])(\d{1,3}(?:,\d{3})+)(?![\d]|,\d)/g, (_, pre: string, num: string) => pre + num.replace(/,/g, ""));
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

export function normalize(raw: string): string {
  let s = repeatingDecimals(raw.trim());
  s = joinThousands(s);
  s = unwrapText(s);
  for (const [re, to] of REPLACE) s = s.replace(re, to);
  s = s.replace(BARE_UNIT, "$1 ");
  s = s.replace(/^\s*(?:final answer|answer|the answer is|ans)\s*[:=]?\s*/i, "");
  s = s.replace(/[\s.;]+$/, "").replace(/^[\s:]+/, "");
  return s.replace(/\s+/g, " ").trim();
}
