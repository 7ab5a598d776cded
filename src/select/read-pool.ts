// Pass one over a scored dataset: every response becomes a pool entry (query id, PPL, length,
// verdict, where its row lives) or a counted exclusion; texts are never kept. A large JSONL file
// can be split at line boundaries (`threads`) and its later parts scanned by worker threads
// while this thread scans the first; the parts are merged in file order and query ids handed out then, so the
// pool is identical for any number of threads. JSON and Parquet rows take the parsed-row path.
import { closeSync, openSync, readSync, statSync } from "node:fs";
import { Worker } from "node:worker_threads";
import { InputError } from "../io/errors.ts";
import { assertReadable, formatOf, readRecords, seekable, type Format } from "../io/records.ts";
import { nullProgress, type Progress } from "../io/progress.ts";
import { exclusionOf, type CandidateRule } from "./candidate-rules.ts";
import { CandidatePool } from "./pool.ts";
import { emptyPart, partError, type PoolPart } from "./pool-part.ts";
import { denseQueryIds } from "./dense-query-ids.ts";
import { dropDuplicates, type DuplicateReport } from "./drop-duplicates.ts";
import type { PoolFields } from "./row-facts.ts";
import { addRow, RecordScanner, scanRange } from "./scan-range.ts";
import type { Exclusion } from "./candidate-rules.ts";
import { readBytes } from "../io/byte-stream.ts";
import { lineSpans } from "../io/lines.ts";
import { splitJsonArray } from "../io/json-array.ts";
import { isColumnarJson } from "../io/json-columns.ts";
import type { ScanJob } from "./scan-worker.ts";

export interface ReadPoolOptions {
  fields: PoolFields;
  /** Which responses may enter the pool. */
  rule: CandidateRule;
  progress?: Progress;
  /**
   * Threads for large JSONL files (default 1). A second thread splits the scan but costs its own
   * start-up (~0.4 s of CPU); measured on a shared 2-core machine it was slower (docs/benchmarks.md).
   */
  threads?: number;
  /** JSONL files from this size on are split across threads (default 64 MiB). */
  parallelFrom?: number;
}

export interface PoolSummary {
  file: string;
  format: Format;
  rows: number;
  responses: number;
  kept: number;
  queries: number;
  excluded: Record<string, number>;
  /** Repeated (query, response) rows, left out of the pool; the first is named. */
  duplicates: DuplicateReport;
}

export async function readPool(path: string, opts: ReadPoolOptions): Promise<{ pool: CandidatePool; summary: PoolSummary }> {
  assertReadable(path);
  const format = formatOf(path);
  const exclude = exclusionOf(opts.rule);
  let parts: PoolPart[];
  if (format === "jsonl" && seekable(path)) {
    const size = statSync(path).size;
    const threads = size >= (opts.parallelFrom ?? 64 << 20) ? Math.max(1, opts.threads ?? 1) : 1;
    const bounds = lineBoundaries(path, size, threads);
    const progress = opts.progress ?? nullProgress;
    const others = bounds.slice(1, -1).map((start, k) => scanInWorker({ file: path, start, end: bounds[k + 2], fields: opts.fields, rule: opts.rule }));
    const first = scanRange(path, 0, bounds[1], opts.fields, exclude, (done) => progress.update(Math.round((done * size) / bounds[1]), size));
    parts = [first, ...(await Promise.all(others))];
    progress.update(size, size);
  } else if (format === "parquet" || format === "datasets" || (format === "json" && (await isColumnarJson(path)))) {
    const part = emptyPart();
    try {
      for await (const src of readRecords(path)) {
        part.rows++;
        part.lines = src.line;
        addRow(part, src.row, opts.fields, exclude, { file: path, line: src.line }, 0, 0);
      }
    } catch (e) {
      part.error = partError(e, path);
    }
    parts = [part];
  } else {
    parts = [await scanStream(path, format, opts.fields, exclude, opts.progress ?? nullProgress)];
  }
  const { pool, summary, r0, r1, repeated } = merge(path, format, parts);
  summary.duplicates = await dropDuplicates(pool, { r0, r1, repeated }, path, opts.fields);
  if (summary.duplicates.count > 0) {
    summary.excluded.duplicate = summary.duplicates.count;
    summary.kept = pool.size;
  }
  return { pool, summary };
}

/**
 * A JSON array or a compressed file, streamed: each record's bytes go through the same byte scanner
 * as a plain JSONL line (JSON.parse only for what it does not understand), so memory follows the
 * largest record and the time stays close to JSONL's.
 */
async function scanStream(path: string, format: Format, fields: PoolFields, exclude: Exclusion, progress: Progress): Promise<PoolPart> {
  const part = emptyPart(1 << 14);
  const records = new RecordScanner(path, fields, exclude);
  const spans = format === "json" ? splitJsonArray(readBytes(path), path) : lineSpans(path);
  let last: Buffer | null = null;
  let n = 0;
  try {
    for await (const sp of spans) {
      const line = "index" in sp ? sp.index : sp.line;
      part.lines = line;
      if (sp.end === sp.start || isBlankSpan(sp.buf, sp.start, sp.end)) continue;
      if (sp.buf !== last) {
        records.setBuffer(sp.buf);
        last = sp.buf;
      }
      if (!records.add(part, sp.start, sp.end, line, sp.offset)) return part;
      if (++n % 65536 === 0) progress.update(n);
    }
  } catch (e) {
    part.error = partError(e, path);
  }
  return part;
}

function isBlankSpan(buf: Buffer, s: number, e: number): boolean {
  for (let i = s; i < e; i++) if (buf[i] !== 0x20 && buf[i] !== 0x09) return false;
  return true;
}

/** Offsets where the parts start (each just after a newline), plus the file size at the end. */
function lineBoundaries(path: string, size: number, parts: number): number[] {
  const bounds = [0];
  const fd = openSync(path, "r");
  const buf = Buffer.allocUnsafe(1 << 16);
  try {
    for (let k = 1; k < parts; k++) {
      let pos = Math.max(bounds[bounds.length - 1], Math.floor((size * k) / parts));
      for (;;) {
        const n = readSync(fd, buf, 0, buf.length, pos);
        if (n === 0) {
          pos = size;
          break;
        }
        const nl = buf.indexOf(10);
        if (nl >= 0 && nl < n) {
          pos += nl + 1;
          break;
        }
        pos += n;
      }
      bounds.push(pos);
    }
  } finally {
    closeSync(fd);
  }
  bounds.push(size);
  return bounds;
}

function scanInWorker(job: ScanJob): Promise<PoolPart> {
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL("./scan-worker.mjs", import.meta.url), { workerData: job });
    w.once("message", (part: PoolPart) => resolve(part));
    w.once("error", reject);
    w.once("exit", (code) => code !== 0 && reject(new Error(`pool scanning worker exited with code ${code}`)));
  });
}

/** Concatenates parts in file order, numbering lines globally, and gives queries dense ids. */
function merge(file: string, format: Format, parts: PoolPart[]): { pool: CandidatePool; summary: PoolSummary; r0: Uint32Array; r1: Uint32Array; repeated: Uint8Array } {
  const summary: PoolSummary = { file, format, rows: 0, responses: 0, kept: 0, queries: 0, excluded: {}, duplicates: { count: 0 } };
  const lineBases: number[] = [];
  let lineBase = 0;
  for (const p of parts) {
    if (p.error) throw new InputError(p.error.message, { file, line: p.error.line === undefined ? undefined : p.error.line + lineBase, field: p.error.field });
    lineBases.push(lineBase);
    summary.rows += p.rows;
    summary.responses += p.responses;
    for (const [k, v] of Object.entries(p.excluded)) summary.excluded[k] = (summary.excluded[k] ?? 0) + v;
    if (format === "jsonl") lineBase += p.lines;
  }
  const n = parts.reduce((s, p) => s + p.size, 0);
  let pool = new CandidatePool();
  let { h0, h1, r0, r1 } = parts[0];
  if (parts.length === 1) {
    // One part: adopt its columns as they are.
    const p = parts[0];
    Object.assign(pool, { ppl: p.ppl, len: p.len, flags: p.flags, line: p.line, offset: p.offset, bytes: p.bytes, item: p.item, qid: new Int32Array(n) });
  } else {
    pool = CandidatePool.withCapacity(n);
    h0 = new Uint32Array(n);
    h1 = new Uint32Array(n);
    r0 = new Uint32Array(n);
    r1 = new Uint32Array(n);
    let at = 0;
    parts.forEach((p, k) => {
      const take = <T extends { subarray(a: number, b: number): T }>(col: T) => col.subarray(0, p.size);
      h0.set(take(p.h0), at);
      h1.set(take(p.h1), at);
      r0.set(take(p.r0), at);
      r1.set(take(p.r1), at);
      pool.ppl.set(take(p.ppl), at);
      pool.len.set(take(p.len), at);
      pool.flags.set(take(p.flags), at);
      pool.offset.set(take(p.offset), at);
      pool.bytes.set(take(p.bytes), at);
      pool.item.set(take(p.item), at);
      for (let i = 0; i < p.size; i++) pool.line[at + i] = p.line[i] + lineBases[k];
      at += p.size;
    });
  }
  const { ids, count, repeated } = denseQueryIds(h0, h1, n);
  pool.qid = ids;

  pool.size = n;
  summary.kept = n;
  summary.queries = pool.queries = count;
  return { pool, summary, r0, r1, repeated };
}
