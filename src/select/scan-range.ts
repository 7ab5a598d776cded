// Scans bytes [start, end) of a JSONL file — whole lines, `start` at a line start — into a pool
// part. Lines go through the byte scanner, reading only the wanted fields (the texts are never
// decoded); a line it does not fully understand (the grouped shape, odd values, malformed JSON)
// goes through JSON.parse and the checks of row-facts.ts, like every JSON and Parquet row.
import { closeSync, openSync, readSync } from "node:fs";
import { InputError } from "../io/errors.ts";
import { bomLength } from "../io/lines.ts";
import type { Row } from "../io/records.ts";
import { JsonLineScanner, Kind, parseNumber } from "./json-line-scanner.ts";
import { QueryHasher, hashString } from "./query-hash.ts";
import { fingerprintBytes, fingerprintString } from "./response-fingerprint.ts";
import { CORRECT, FAILED, INCORRECT } from "./pool.ts";
import { emptyPart, growPart, partError, pushToPart, type PoolPart } from "./pool-part.ts";
import { factsOfRow, queryOf, responseText, type PoolFields, type ResponseFacts } from "./row-facts.ts";
import type { Exclusion } from "./candidate-rules.ts";

const flagsOf = (f: ResponseFacts) => (f.correct === true ? CORRECT : f.correct === false ? INCORRECT : 0) | (f.failed ? FAILED : 0);

/** Adds every response of a parsed row (either shape) to the part; throws InputError on bad rows. */
export function addRow(part: PoolPart, row: Row, fields: PoolFields, exclude: Exclusion, where: { file: string; line: number }, offset: number, bytes: number): void {
  const query = queryOf(row, fields, where);
  const facts = factsOfRow(row, fields, where);
  const hash = new Uint32Array(2);
  const print = new Uint32Array(2);
  let hashed = false;
  for (const f of facts) {
    part.responses++;
    const reason = exclude(f);
    if (reason !== null) {
      part.excluded[reason] = (part.excluded[reason] ?? 0) + 1;
      continue;
    }
    if (!hashed) hashString(query, hash);
    hashed = true;
    fingerprintString(responseText(row, fields, f.item), print);
    pushToPart(part, hash[0], hash[1], print[0], print[1], f.ppl, f.len, flagsOf(f), where.line, offset, bytes, f.item);
  }
}

/**
 * Adds one record given as bytes [s, e) of a buffer — a JSONL line or a JSON array's element — to
 * a part: the byte scanner when it understands the record, else JSON.parse and row-facts.ts.
 */
export class RecordScanner {
  private readonly scanner: JsonLineScanner;
  private readonly facts: ResponseFacts = { ppl: 0, len: 0, correct: null, failed: false, empty: false, item: -1 };
  private readonly q = new QueryHasher();
  private readonly print = new Uint32Array(2);
  private buf: Buffer | null = null;
  private dv: DataView = new DataView(new ArrayBuffer(0));

  constructor(
    private readonly file: string,
    private readonly fields: PoolFields,
    private readonly exclude: Exclusion,
  ) {
    this.scanner = new JsonLineScanner([fields.query, fields.response, fields.ppl, fields.length, fields.correct ?? "\u0000", fields.failed ?? "\u0000"]);
  }

  /** Call when the buffer's contents changed (the hashers cache positions in it). */
  setBuffer(buf: Buffer): void {
    this.buf = buf;
    this.q.setBuffer(buf);
    this.dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  /** Adds the record at bytes [s, e) of the current buffer (file offset `offset`); false after recording a bad row as the part's error. */
  add(part: PoolPart, s: number, e: number, line: number, offset: number): boolean {
    const { scanner, facts, q, print, fields, exclude } = this;
    const buf = this.buf!;
    part.rows++;
    if (scanFast(scanner, buf, s, e, fields, facts)) {
      part.responses++;
      const reason = exclude(facts);
      if (reason !== null) part.excluded[reason] = (part.excluded[reason] ?? 0) + 1;
      else {
        q.hash(scanner.start[0], scanner.end[0]);
        fingerprintBytes(buf, this.dv, scanner.start[1], scanner.end[1], print);
        pushToPart(part, q.out[0], q.out[1], print[0], print[1], facts.ppl, facts.len, flagsOf(facts), line, offset, e - s, -1);
      }
      return true;
    }
    try {
      addRow(part, parseLine(buf, s, e, this.file, line), fields, exclude, { file: this.file, line }, offset, e - s);
      return true;
    } catch (err) {
      part.error = partError(err, this.file);
      part.lines = line;
      return false;
    }
  }
}

export function scanRange(file: string, start: number, end: number, fields: PoolFields, exclude: Exclusion, onProgress?: (bytesDone: number) => void): PoolPart {
  const part = emptyPart(1 << 14);
  const records = new RecordScanner(file, fields, exclude);
  const fd = openSync(file, "r");
  let buf = Buffer.allocUnsafe(Math.min(16 << 20, Math.max(1 << 16, end - start)));
  let filled = 0;
  let base = start; // file offset of buf[0]
  let line = 0;
  try {
    for (;;) {
      if (filled === buf.length) {
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, filled);
        buf = bigger;
      }
      const n = readSync(fd, buf, filled, Math.min(buf.length - filled, end - base - filled), base + filled);
      filled += n;
      const eof = n === 0;
      records.setBuffer(buf);
      let s = base === 0 && line === 0 ? bomLength(buf.subarray(0, filled)) : 0;
      for (;;) {
        let nl = buf.indexOf(10, s);
        if (nl < 0 || nl >= filled) {
          if (!eof || s >= filled) break;
          nl = filled; // last line without a newline
        }
        line++;
        let e = nl;
        if (e > s && buf[e - 1] === 13) e--;
        if (e > s && !isBlank(buf, s, e) && !records.add(part, s, e, line, base + s)) return part;
        s = nl + 1;
      }
      if (base === start && line > 0 && !eof) growPart(part, Math.ceil(((end - start) / Math.max(1, s)) * line * 1.05));
      if (eof) break;
      buf.copy(buf, 0, s, filled);
      base += s;
      filled -= s;
      onProgress?.(base - start);
    }
  } finally {
    closeSync(fd);
  }
  part.lines = line;
  return part;
}

function isBlank(buf: Buffer, s: number, e: number): boolean {
  for (let i = s; i < e; i++) if (buf[i] !== 0x20 && buf[i] !== 0x09) return false;
  return true;
}

function parseLine(buf: Buffer, s: number, e: number, file: string, line: number): Row {
  let row: unknown;
  try {
    row = JSON.parse(buf.toString("utf8", s, e));
  } catch (err) {
    throw new InputError(`malformed JSON (${(err as Error).message})`, { file, line });
  }
  if (row === null || typeof row !== "object" || Array.isArray(row)) throw new InputError("each line must be a JSON object", { file, line });
  return row as Row;
}

/** Fills `facts` from a scanned one-response row; false sends the line to the careful path. */
function scanFast(sc: JsonLineScanner, buf: Buffer, s: number, e: number, fields: PoolFields, facts: ResponseFacts): boolean {
  if (!sc.scan(buf, s, e)) return false;
  const k = sc.kind;
  if (k[0] !== Kind.String || (k[1] !== Kind.String && k[1] !== Kind.Null)) return false;
  const ppl = scalar(sc, buf, 2);
  const len = scalar(sc, buf, 3);
  if (ppl === undefined || len === undefined) return false;
  // out-of-range values take the careful path, which names them (row-facts.ts)
  if (ppl < 1 || len < 0 || (!Number.isNaN(len) && !Number.isInteger(len))) return false;
  let correct: boolean | null = null;
  if (fields.correct) {
    const v = flag(sc, buf, 4);
    if (v === undefined || v === "missing") return false;
    correct = v;
  }
  let failed = false;
  if (fields.failed) {
    const v = flag(sc, buf, 5);
    if (v === undefined) return false;
    failed = v === true;
  }
  facts.ppl = ppl;
  facts.len = len;
  facts.correct = correct;
  facts.failed = failed;
  facts.empty = k[1] === Kind.Null || sc.start[1] === sc.end[1];
  facts.item = -1;
  return true;
}

/** A finite number or null (NaN); undefined when the careful path must judge the value. */
function scalar(sc: JsonLineScanner, buf: Buffer, i: number): number | undefined {
  if (sc.kind[i] === Kind.Null) return NaN;
  if (sc.kind[i] !== Kind.Number) return undefined;
  const v = parseNumber(buf, sc.start[i], sc.end[i]);
  return Number.isFinite(v) ? v : undefined;
}

function flag(sc: JsonLineScanner, buf: Buffer, i: number): boolean | null | "missing" | undefined {
  switch (sc.kind[i]) {
    case Kind.True:
      return true;
    case Kind.False:
      return false;
    case Kind.Null:
      return null;
    case Kind.Missing:
      return "missing";
    case Kind.Number: {
      const v = parseNumber(buf, sc.start[i], sc.end[i]);
      return v === 1 ? true : v === 0 ? false : undefined;
    }
    default:
      return undefined;
  }
}
