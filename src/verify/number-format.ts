// How numbers are written, beyond plain digits: separators, decimal commas and base subscripts.
//
// Thousands separator vs decimal comma (a comma between digits, no space after it):
//   - "12,500", "1,000,000": groups of exactly three digits after a first group of 1-3 digits that
//     does not start with 0 are thousands: 12500, 1000000. A space or "\!" after the comma changes
//     nothing ("12,\!500" = 12500). (Inside brackets a comma separates items: "[1,100]".)
//   - "0,125", "-0,5": a first group of "0" is never a thousands group, so this is a decimal comma:
//     0.125, -0.5.
//   - "3,14", "2,5", "12,50", "3,1416": any other d,d written as the whole answer has two readings,
//     the decimal (3.14) and the list (3, 14); the answer matches when either reading does. Two
//     readings cannot both be meant, and a list of two numbers that happens to equal the other
//     side's decimal is too unlikely to matter; "2, 5" (with a space) is only a list.
//   - A comma followed by three digits after a non-zero group is always thousands: "3,141" is 3141,
//     never 3.141 (the rule; European writers who mean 3.141 lose here).
// Base subscripts: "312_4", "1011_{2}", "4_{10}" are the digits with their base. The digits are
// compared as written (312_4 matches 312, the way graders accept a base dropped in the answer);
// when both sides name a base, the bases must agree (312_4 does not match 312_5).
const DECIMAL_COMMA = /^(-?)(\d+),(\d+)$/;

/** Normalized readings of an answer: itself, plus the decimal reading of a lone "d,d". */
export function numberReadings(s: string): string[] {
  const m = DECIMAL_COMMA.exec(s);
  if (!m) return [s];
  const [, sign, int, frac] = m;
  if (int === "0") return [`${sign}0.${frac}`];
  if (frac.length === 3) return [s];
  return [`${sign}${int}.${frac}`, s];
}

/** "\!" inside a number goes: "12,\!500" → "12,500", "12\!500" → "12500". */
export function joinNumberSpacing(s: string): string {
  return s.includes("\\!") ? s.replace(/(\d)(,?)\\!\s*(?=\d)/g, "$1$2") : s;
}

const BASE = /(?<![\w.])(\d+)_(?:\{\s*(\d{1,2})\s*\}|(\d))(?![\w}])/g;

/** Removes base subscripts whose digits are valid in their base, and lists the bases. */
export function stripBases(s: string): { text: string; bases: string } {
  if (!s.includes("_")) return { text: s, bases: "" };
  const bases: string[] = [];
  const text = s.replace(BASE, (all, digits: string, b1?: string, b2?: string) => {
    const base = Number(b1 ?? b2);
    if (base < 2 || base > 10 || [...digits].some((d) => Number(d) >= base)) return all;
    bases.push(String(base));
    return digits;
  });
  return { text, bases: bases.join(",") };
}
