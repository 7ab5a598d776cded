// Finds the contents of \boxed{…} / \fbox{…} groups with brace matching (escaped braces \{ \}
// do not count). A box that never closes (a truncated response) is skipped.

export interface Box {
  start: number;
  end: number;
  content: string;
}

const BOX = /\\(?:boxed|fbox)(?![a-zA-Z])/g;

/** For every "{" its matching "}" (or -1 when it never closes), in one pass: escaped braces do not
 * count. One pass keeps a text of thousands of unclosed boxes linear, not quadratic. */
function matchBraces(text: string): Map<number, number> {
  const match = new Map<number, number>();
  const stack: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 /* \ */) i++;
    else if (c === 123 /* { */) stack.push(i);
    else if (c === 125 /* } */ && stack.length) match.set(stack.pop()!, i);
  }
  for (const open of stack) match.set(open, -1);
  return match;
}

/** Top-level boxes in order of appearance (a box nested in another is part of its content). */
export function findBoxes(text: string): Box[] {
  const boxes: Box[] = [];
  let m: RegExpExecArray | null;
  let braces: Map<number, number> | null = null;
  BOX.lastIndex = 0;
  while ((m = BOX.exec(text))) {
    let i = m.index + m[0].length;
    while (text[i] === " ") i++;
    if (text[i] === "{") {
      braces ??= matchBraces(text);
      const close = braces.get(i) ?? -1;
      if (close < 0) continue;
      boxes.push({ start: m.index, end: close + 1, content: text.slice(i + 1, close) });
      BOX.lastIndex = close + 1;
    } else {
      // "\boxed 5": the argument is the next run of non-space characters.
      const run = /^[^\s$]+/.exec(text.slice(i, i + 200));
      if (run) boxes.push({ start: m.index, end: i + run[0].length, content: run[0] });
    }
  }
  return boxes;
}

/** What may stand between boxes of one answer: separators, math delimiters, and a label before the
 * next box ("$x=\boxed{2}$ or $x=\boxed{5}$"). */
const BETWEEN = /^(?:[\s,;$.，、]|\\quad|\\qquad|\\text\{\s*(?:and|or|,)\s*\}|\band\b|\bor\b|和|或|\\\(|\\\)|\\\[|\\\]|[a-zA-Z](?:_\{?\w+\}?)?'*\s*=)*$/;

/** The final answer's boxes: the last box plus the boxes right before it joined only by
 * separators ("\boxed{2} and \boxed{3}"); a repeated box counts once. */
export function lastBoxes(text: string): string[] | null {
  const boxes = findBoxes(text);
  if (boxes.length === 0) return null;
  const picked = [boxes[boxes.length - 1]];
  for (let k = boxes.length - 2; k >= 0; k--) {
    if (!BETWEEN.test(text.slice(boxes[k].end, picked[0].start))) break;
    picked.unshift(boxes[k]);
  }
  const seen = [...new Set(picked.map((b) => unbox(b.content).trim()))];
  return seen;
}

/** Content of a box that is itself only a box ("\boxed{\boxed{5}}"). */
function unbox(s: string): string {
  const inner = findBoxes(s);
  return inner.length === 1 && s.slice(0, inner[0].start).trim() === "" && s.slice(inner[0].end).trim() === "" ? unbox(inner[0].content) : s;
}
