// Undoes LaTeX that was JSON-escaped twice ("\\frac{1}{2}", "\\le", "\\left( … \\right)",
// "\\boxed{…}"), before anything else reads the text. Rules:
//  - A text is double-escaped when it writes a command with two backslashes ("\\frac") and never
//    with one. Then every run of 2k backslashes becomes k: "\\frac" → "\frac", "\\{" → "\{",
//    a matrix row break "\\\\" → "\\". Runs of odd length are left alone.
//  - In a mixed text (some commands with one backslash, some with two) only the doubled backslash
//    right before a well-known command name is undone ("\\boxed{\frac12}" → "\boxed{\frac12}");
//    a genuine row break "\\" before a letter-free token is never touched.
// The check is one regular-expression test, so clean text costs almost nothing.

const DOUBLE_CMD = /(?<!\\)\\\\[a-zA-Z]{2,}/;
const SINGLE_CMD = /(?<!\\)\\[a-zA-Z]{2,}/;
const KNOWN = "boxed|fbox|frac|dfrac|tfrac|sqrt|left|right|le|leq|ge|geq|ne|neq|approx|cdot|times|div|pi|infty|in|cup|cap|pm|mp|text|mathrm|mathbf|textbf|quad|qquad|circ|degree|sin|cos|tan|log|ln|binom|dbinom|begin|end|alpha|beta|theta|lambda|mu|sigma|omega|ldots|cdots|dots|angle|triangle|overline|vec|hat|bar";
const KNOWN_DOUBLE = new RegExp(`(?<!\\\\)\\\\\\\\(?=(?:${KNOWN})(?![a-zA-Z]))`, "g");

export function undoDoubleEscapes(s: string): string {
  if (!s.includes("\\\\") || !DOUBLE_CMD.test(s)) return s;
  if (!SINGLE_CMD.test(s)) return s.replace(/\\+/g, (run) => (run.length % 2 === 0 ? "\\".repeat(run.length / 2) : run));
  return s.replace(KNOWN_DOUBLE, "\\");
}
