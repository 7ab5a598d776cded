// Where a named field lives in a row: the key itself when the row has it (field names may contain
// dots), else a dotted path through objects and lists — `reward_model.ground_truth`,
// `messages.1.content` — as users of verl, TRL and chat datasets name their fields.
import type { Row } from "./records.ts";

/** The value at `path` in `row`, or undefined when any step is absent. */
export function valueAt(row: Row, path: string): unknown {
  if (Object.hasOwn(row, path) || !path.includes(".")) return row[path];
  let v: unknown = row;
  for (const step of path.split(".")) {
    if (Array.isArray(v)) {
      const i = /^-?\d+$/.test(step) ? Number(step) : NaN;
      v = Number.isInteger(i) ? v.at(i) : undefined;
    } else if (v !== null && typeof v === "object") {
      v = Object.hasOwn(v, step) ? (v as Record<string, unknown>)[step] : undefined;
    } else {
      return undefined;
    }
  }
  return v;
}
