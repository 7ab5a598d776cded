// The record written for a chosen response: {query, response, ppl, len, …the row's other fields}.
// From a grouped row, the response's own entries are picked out of the lists, `correct` carries
// its verdict, `response_index` its position, and the lists themselves are left out.
import type { Row } from "../io/records.ts";
import type { PoolFields } from "./row-facts.ts";
import { valueAt } from "../io/field-path.ts";

const CANONICAL = ["query", "response", "ppl", "len"];

function rest(row: Row, drop: Set<string>): Row {
  const out: Row = {};
  for (const k of Object.keys(row)) if (!drop.has(k) && !CANONICAL.includes(k)) out[k] = row[k];
  return out;
}

export function outputRecord(row: Row, item: number, fields: PoolFields): Row {
  const mapped = new Set([fields.query, fields.response, fields.ppl, fields.length]);
  if (item < 0) {
    return { query: valueAt(row, fields.query), response: valueAt(row, fields.response), ppl: valueAt(row, fields.ppl), len: valueAt(row, fields.length), ...rest(row, mapped) };
  }
  const at = (f: string) => (valueAt(row, f) as unknown[])[item];
  const out: Row = { query: valueAt(row, fields.query), response: at(fields.response), ppl: at(fields.ppl), len: at(fields.length) };
  if (fields.correct) {
    mapped.add(fields.correct);
    out.correct = at(fields.correct);
  }
  if (fields.failed && Array.isArray(valueAt(row, fields.failed))) mapped.add(fields.failed);
  out.response_index = item;
  return { ...out, ...rest(row, mapped) };
}
