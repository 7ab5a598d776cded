// Pass one over a scored dataset: every response becomes a pool entry (query id, PPL, length,
// verdict, where its row lives) or a counted exclusion. JSONL lines go through a byte scanner
// that reads only the wanted fields, so two million rows take a couple of seconds and the texts
// are never decoded; a line the scanner does not fully understand (the grouped shape, odd
// values, malformed JSON) goes through JSON.parse and the same checks as JSON and Parquet rows.
import { closeSync, openSync, readSync, fstatSync } from "node:fs";
import { InputError } from "../io/errors.ts";
import { assertReadable, formatOf, readRecords, type Format, type Row } from "../io/records.ts";
import { nullProgress, type Progress } from "../cli/progress.ts";
import { JsonLineScanner, Kind, parseNumber } from "./json-line-scanner.ts";
import { QueryTable, hashBytes } from "./query-table.ts";
import { CandidatePool, CORRECT, FAILED, INCORRECT } from "./pool.ts";
import { factsOfRow, queryOf, type PoolFields, type ResponseFacts } from "./row-facts.ts";

export interface ReadPoolOptions {
  fields: PoolFields;
  /** Why a response is left out of the pool (a short reason, counted), or null to keep it. */
  exclude(f: ResponseFacts): string | null;
  progress?: Progress;
}

export interface PoolSummary {
  file: string;
  format: Format;
  rows: number;
  responses: number;
  kept: number;
  queries: number;
  excluded: Record<string, number>;
}

const flagsOf = (f: ResponseFacts) => (f.correct === true ? CORRECT : f.correct === false ? INCORRECT : 0) | (f.failed ? FAILED : 0);

export async function readPool(path: string, opts: ReadPoolOptions): Promise<{ pool: CandidatePool; summary: PoolSummary }> {
  assertReadable(path);
  const format = formatOf(path);
  const pool = new CandidatePool();
  const table = new QueryTable(1 << 16);
  const summary: PoolSummary = { file: path, format, rows: 0, responses: 0, kept: 0, queries: 0, excluded: {} };
  const hash = new Uint32Array(2);
  const add = (f: ResponseFacts, qid: () => number, line: number, offset: number, bytes: number) => {
    summary.responses++;
    const reason = opts.exclude(f);
    if (reason !== null) summary.excluded[reason] = (summary.excluded[reason] ?? 0) + 1;
    else pool.push(qid(), f.ppl, f.len, flagsOf(f), line, offset, bytes, f.item);
  };
  const addRow = (row: Row, line: number, offset: number, bytes: number) => {
    const where = { file: path, line };
    const query = queryOf(row, opts.fields, where);
    const facts = factsOfRow(row, opts.fields, where);
    let id = -1;
    const qid = () => (id >= 0 ? id : (id = stringQueryId(query, table, hash)));
    for (const f of facts) add(f, qid, line, offset, bytes);
  };
  if (format === "jsonl") readJsonl(path, opts, pool, table, add, addRow, summary);
  else {
    for await (const src of readRecords(path)) {
      summary.rows++;
      addRow(src.row, src.line, 0, 0);
    }
  }
  summary.kept = pool.size;
  summary.queries = pool.queries = table.size;
  return { pool, summary };
}

/** Hashes a query given as a string over its canonical JSON encoding (what the byte path sees). */
function hashString(query: string, out: Uint32Array): void {
  const bytes = Buffer.from(JSON.stringify(query).slice(1, -1), "utf8");
  hashBytes(bytes, new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), 0, bytes.length, out);
}

function stringQueryId(query: string, table: QueryTable, out: Uint32Array): number {
  hashString(query, out);
  return table.idOf(out[0], out[1]);
}

type Add = (f: ResponseFacts, qid: () => number, line: number, offset: number, bytes: number) => void;
type AddRow = (row: Row, line: number, offset: number, bytes: number) => void;

function readJsonl(path: string, opts: ReadPoolOptions, pool: CandidatePool, table: QueryTable, add: Add, addRow: AddRow, summary: PoolSummary): void {
  const { fields, exclude } = opts;
  const scanner = new JsonLineScanner([fields.query, fields.response, fields.ppl, fields.length, fields.correct ?? "\u0000", fields.failed ?? "\u0000"]);
  const facts: ResponseFacts = { ppl: 0, len: 0, correct: null, failed: false, empty: false, item: -1 };
  const progress = opts.progress ?? nullProgress;
  const fd = openSync(path, "r");
  const total = fstatSync(fd).size;
  const q = new QueryHasher();
  const ids = new DeferredIds(pool, table);
  let buf = Buffer.allocUnsafe(16 << 20);
  let filled = 0;
  let base = 0; // file offset of buf[0]
  let line = 0;
  try {
    for (;;) {
      if (filled === buf.length) {
        const bigger = Buffer.allocUnsafe(buf.length * 2);
        buf.copy(bigger, 0, 0, filled);
        buf = bigger;
      }
      const n = readSync(fd, buf, filled, buf.length - filled, base + filled);
      filled += n;
      const eof = n === 0;
      q.setBuffer(buf);
      let s = 0;
      for (;;) {
        let nl = buf.indexOf(10, s);
        if (nl < 0 || nl >= filled) {
          if (!eof || s >= filled) break;
          nl = filled; // last line without a newline
        }
        line++;
        let e = nl;
        if (e > s && buf[e - 1] === 13) e--;
        if (e > s && !isBlank(buf, s, e)) {
          summary.rows++;
          if (scanFast(scanner, buf, s, e, fields, facts)) {
            summary.responses++;
            const reason = exclude(facts);
            if (reason !== null) summary.excluded[reason] = (summary.excluded[reason] ?? 0) + 1;
            else {
              q.hash(scanner.start[0], scanner.end[0]);
              ids.defer(pool.push(-1, facts.ppl, facts.len, flagsOf(facts), line, base + s, e - s, -1), q.out);
            }
          } else {
            ids.flush();
            addRow(parseLine(buf, s, e, path, line), line, base + s, e - s);
          }
        }
        s = nl + 1;
      }
      if (base === 0 && line > 0) {
        // Size the tables once from the first chunk's line density.
        const estimate = Math.ceil((total / Math.max(1, s)) * line * 1.1);
        table.reserve(estimate);
        pool.reserve(estimate);
      }
      ids.flush();
      if (eof) break;
      buf.copy(buf, 0, s, filled);
      base += s;
      filled -= s;
      progress.update(base, total);
    }
  } finally {
    closeSync(fd);
  }
  progress.update(total, total);
}

/** Query hashes straight from the bytes of a JSON string's content in the current buffer. */
class QueryHasher {
  private buf: Buffer = Buffer.alloc(0);
  private dv: DataView = new DataView(new ArrayBuffer(0));
  readonly out = new Uint32Array(2);
  /** Position of the next backslash at or after the last query (a cache: queries only move forward). */
  private nextBs = -1;

  setBuffer(buf: Buffer): void {
    this.buf = buf;
    this.dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    this.nextBs = -1;
  }

  hash(qs: number, qe: number): void {
    const { buf, out } = this;
    if (this.nextBs < qs) {
      const p = buf.indexOf(0x5c, qs);
      this.nextBs = p < 0 ? Infinity : p;
    }
    // Only \uXXXX and \/ spell a string differently from its canonical JSON encoding.
    for (let p = this.nextBs; p < qe; ) {
      const c = buf[p + 1];
      if (c === 0x75 || c === 0x2f) return hashString(JSON.parse(buf.toString("utf8", qs - 1, qe + 1)), out);
      p = buf.indexOf(0x5c, p + 2);
      if (p < 0) p = Infinity;
      this.nextBs = p;
    }
    hashBytes(buf, this.dv, qs, qe, out);
  }
}

/**
 * Query-id lookups gathered and done in a tight loop after each chunk: the table is large and
 * each lookup a likely cache miss, and independent lookups back to back let those misses overlap.
 */
class DeferredIds {
  private readonly at = new Int32Array(1 << 15);
  private readonly h0 = new Uint32Array(1 << 15);
  private readonly h1 = new Uint32Array(1 << 15);
  private n = 0;

  constructor(private readonly pool: CandidatePool, private readonly table: QueryTable) {}

  defer(poolIndex: number, hash: Uint32Array): void {
    this.at[this.n] = poolIndex;
    this.h0[this.n] = hash[0];
    this.h1[this.n] = hash[1];
    if (++this.n === this.at.length) this.flush();
  }

  flush(): void {
    const { at, h0, h1, table } = this;
    const qid = this.pool.qid; // read now: a push may have grown the column since the deferral
    for (let k = 0; k < this.n; k++) qid[at[k]] = table.idOf(h0[k], h1[k]);
    this.n = 0;
  }
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
