// What selection and mining need from one parsed row, in either input shape:
//   one response per row:  {query, response, ppl, len, correct?}
//   a query with lists:    {query, responses: [...], ppls: [...], lengths: [...], verdicts?: [...]}
// (field names configurable). A row is the grouped shape when its PPL field holds a list.
// Every problem is an InputError naming file, line and field.
import { InputError } from "../io/errors.ts";
import type { Row } from "../io/records.ts";
import { valueAt } from "../io/field-path.ts";

/** Which field holds what. `correct` and `failed` are optional. */
export interface PoolFields {
  query: string;
  response: string;
  ppl: string;
  length: string;
  correct?: string;
  failed?: string;
}

export interface ResponseFacts {
  /** NaN when the response was not scored (null PPL). */
  ppl: number;
  len: number;
  /** null when the verdict is null (not verified) or no correctness field is named. */
  correct: boolean | null;
  failed: boolean;
  /** The response text is empty or null. */
  empty: boolean;
  /** Index within the row's lists, −1 for one-response rows. */
  item: number;
}

interface Where {
  file: string;
  line: number;
}

const typeName = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);

function bad(where: Where, field: string, message: string): InputError {
  return new InputError(message, { ...where, field });
}

/** A number or null (→ NaN). */
export function numberOrNull(v: unknown, where: Where, field: string): number {
  if (v === null) return NaN;
  if (typeof v === "number" && Number.isFinite(v)) return v;
  if (v === undefined) throw bad(where, field, "missing field");
  if (typeof v === "number") throw bad(where, field, `expected a finite number, got ${v} (out of the range of a double)`);
  throw bad(where, field, `expected a number, got ${typeName(v)}`);
}

/** A perplexity or null (→ NaN): exp of a mean negative log-likelihood, so never below 1. */
function pplOrNull(v: unknown, where: Where, field: string): number {
  const x = numberOrNull(v, where, field);
  if (x < 1) throw bad(where, field, `a perplexity is at least 1, got ${x}`);
  return x;
}

/** A token length or null (→ NaN): a whole number, never negative. */
function lengthOrNull(v: unknown, where: Where, field: string): number {
  const x = numberOrNull(v, where, field);
  if (x < 0 || !Number.isInteger(x)) throw bad(where, field, `a token length is a whole number ≥ 0, got ${x}`);
  return x;
}

/** A verdict: true/false, 1/0, or null (not verified). */
export function verdict(v: unknown, where: Where, field: string): boolean | null {
  if (v === null) return null;
  if (v === true || v === 1) return true;
  if (v === false || v === 0) return false;
  if (v === undefined) throw bad(where, field, "missing field");
  throw bad(where, field, `expected true/false (or 1/0, null), got ${JSON.stringify(v)}`);
}

function failedFlag(v: unknown, where: Where, field: string): boolean {
  if (v === undefined || v === null || v === false || v === 0) return false;
  if (v === true || v === 1) return true;
  throw bad(where, field, `expected true/false, got ${JSON.stringify(v)}`);
}

function text(v: unknown, where: Where, field: string): string {
  if (v === null) return "";
  if (typeof v === "string") return v;
  if (v === undefined) throw bad(where, field, "missing field");
  throw bad(where, field, `expected a string, got ${typeName(v)}`);
}

/** The query string of a row. */
export function queryOf(row: Row, fields: PoolFields, where: Where): string {
  const q = valueAt(row, fields.query);
  if (typeof q === "string") return q;
  if (q === undefined || q === null) throw bad(where, fields.query, "missing field");
  throw bad(where, fields.query, `expected a string, got ${typeName(q)}`);
}

/** The text of response `item` of a row (−1: the one-response shape); "" for null. Call after factsOfRow checked the row. */
export function responseText(row: Row, fields: PoolFields, item: number): string {
  const v = item < 0 ? valueAt(row, fields.response) : (valueAt(row, fields.response) as unknown[])[item];
  return typeof v === "string" ? v : "";
}

/** True when the row is the grouped shape (its PPL field is a list). */
export function isGrouped(row: Row, fields: PoolFields): boolean {
  return Array.isArray(valueAt(row, fields.ppl));
}

function list(row: Row, field: string, where: Where, n: number | undefined): unknown[] {
  const v = valueAt(row, field);
  if (v === undefined || v === null) throw bad(where, field, "missing field (this row has lists of responses)");
  if (!Array.isArray(v)) throw bad(where, field, `expected a list (this row has lists of responses), got ${typeName(v)}`);
  if (n !== undefined && v.length !== n) throw bad(where, field, `list has ${v.length} entries but the PPL list has ${n}`);
  return v;
}

/** The facts of every response in a row. */
export function factsOfRow(row: Row, fields: PoolFields, where: Where): ResponseFacts[] {
  if (!isGrouped(row, fields)) {
    const response = text(valueAt(row, fields.response), where, fields.response);
    return [
      {
        ppl: pplOrNull(valueAt(row, fields.ppl), where, fields.ppl),
        len: lengthOrNull(valueAt(row, fields.length), where, fields.length),
        correct: fields.correct ? verdict(valueAt(row, fields.correct), where, fields.correct) : null,
        failed: fields.failed ? failedFlag(valueAt(row, fields.failed), where, fields.failed) : false,
        empty: response.length === 0,
        item: -1,
      },
    ];
  }
  const ppls = list(row, fields.ppl, where, undefined);
  const n = ppls.length;
  const responses = list(row, fields.response, where, n);
  const lens = list(row, fields.length, where, n);
  const verdicts = fields.correct ? list(row, fields.correct, where, n) : undefined;
  const failed = fields.failed ? valueAt(row, fields.failed) : undefined;
  const failedList = Array.isArray(failed) ? list(row, fields.failed!, where, n) : undefined;
  return ppls.map((p, i) => ({
    ppl: pplOrNull(p, where, `${fields.ppl}[${i}]`),
    len: lengthOrNull(lens[i], where, `${fields.length}[${i}]`),
    correct: verdicts ? verdict(verdicts[i], where, `${fields.correct}[${i}]`) : null,
    failed: fields.failed ? failedFlag(failedList ? failedList[i] : failed, where, fields.failed) : false,
    empty: text(responses[i], where, `${fields.response}[${i}]`).length === 0,
    item: i,
  }));
}
