// Resumable, ordered output of a remote run. Items are sent to the pool concurrently (at most
// `window` ahead of the oldest unfinished one), and their records are appended to
// `<output>.partial` strictly in input order, one complete line each. A rerun reads the partial
// file (a torn last line is dropped), skips every item whose id it holds — so nothing is sent
// twice — and appends the rest; when all items are done the partial file is renamed to `output`.
// A partial written with other settings (fingerprint) is started afresh, as the engine does.
import { appendFileSync, closeSync, existsSync, openSync, readFileSync, readSync, renameSync, rmSync, statSync, truncateSync } from "node:fs";
import type { z } from "zod";
import { parseEngineOutput } from "../engine/engine-output.ts";
import { writeFileAtomic } from "../io/atomic.ts";
import { EngineError } from "../io/errors.ts";
import { readLines } from "../io/lines.ts";

export interface OrderedRun<I, S extends z.ZodType> {
  output: string;
  /** Settings that decide the records (model, sampling, ...): a partial file of other settings is discarded. */
  fingerprint: Record<string, unknown>;
  /** The schema of one output record, and the id of the item it belongs to. */
  record: S;
  itemId(record: z.output<S>): string;
  items: AsyncIterable<I>;
  idOf(item: I): string;
  work(item: I): Promise<z.output<S>[]>;
  window: number;
  /** Called once per finished item, with its records (for progress). */
  onDone?(records: z.output<S>[], resumed: boolean): void;
  log?(message: string): void;
}

export interface OrderedResult {
  records: number;
  /** Items found finished in the partial file of an earlier run. */
  resumedItems: number;
  resumedRecords: number;
}

/** Cuts a torn last line (a run killed mid-write) off the partial file. */
function dropTornLine(path: string): void {
  const size = statSync(path).size;
  const fd = openSync(path, "r");
  try {
    const buf = Buffer.alloc(64 * 1024);
    for (let end = size; end > 0; ) {
      const start = Math.max(0, end - buf.length);
      const n = readSync(fd, buf, 0, end - start, start);
      const nl = buf.subarray(0, n).lastIndexOf(10);
      if (nl >= 0) {
        if (start + nl + 1 < size) truncateSync(path, start + nl + 1);
        return;
      }
      end = start;
    }
    truncateSync(path, 0);
  } finally {
    closeSync(fd);
  }
}

/** The ids of the items a killed run finished, and their record count (streamed: bounded memory per record). */
async function readDone<S extends z.ZodType>(r: OrderedRun<unknown, S>, partial: string): Promise<{ done: Set<string>; records: number }> {
  const done = new Set<string>();
  let records = 0;
  if (!existsSync(partial)) return { done, records };
  dropTornLine(partial);
  for await (const l of readLines(partial)) {
    if (l.text.trim() === "") continue;
    let value: unknown;
    try {
      value = JSON.parse(l.text);
    } catch {
      throw new EngineError("remote", `${partial}, line ${l.line}: malformed JSON (delete the file to start over)`);
    }
    const rec = parseEngineOutput(r.record, value, { job: "remote", file: partial, line: l.line });
    done.add(r.itemId(rec));
    records++;
    r.onDone?.([rec], true);
  }
  return { done, records };
}

export async function runOrdered<I, S extends z.ZodType>(r: OrderedRun<I, S>): Promise<OrderedResult> {
  const partial = `${r.output}.partial`;
  const meta = `${partial}.meta.json`;
  const stamp = JSON.stringify(r.fingerprint);
  if (existsSync(partial) && (!existsSync(meta) || readFileSync(meta, "utf8") !== stamp)) {
    r.log?.(`${partial} was written with other settings; starting over`);
    rmSync(partial);
  }
  writeFileAtomic(meta, stamp);
  const { done, records: resumedRecords } = await readDone(r as OrderedRun<unknown, S>, partial);
  let records = resumedRecords;

  // slots[k] holds item k's records once they arrive; flushed from `head` in order
  const slots = new Map<number, z.output<S>[]>();
  let head = 0;
  let next = 0;
  let failure: unknown = null;
  const inFlight = new Set<Promise<void>>();
  const flush = () => {
    let lines = "";
    while (slots.has(head)) {
      const recs = slots.get(head)!;
      slots.delete(head);
      for (const rec of recs) lines += JSON.stringify(rec) + "\n";
      records += recs.length;
      head++;
    }
    if (lines) appendFileSync(partial, lines);
  };

  for await (const item of r.items) {
    if (failure) break;
    if (done.has(r.idOf(item))) continue;
    const k = next++;
    while (k - head >= r.window && inFlight.size > 0 && !failure) await Promise.race(inFlight);
    if (failure) break;
    const p = r
      .work(item)
      .then((recs) => {
        slots.set(k, recs);
        flush();
        r.onDone?.(recs, false);
      })
      .catch((e) => {
        failure ??= e;
      })
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  }
  await Promise.all(inFlight);
  if (failure) throw failure; // the partial file keeps every finished item, in order: a rerun resumes
  renameSync(partial, r.output);
  rmSync(meta, { force: true });
  return { records, resumedItems: done.size, resumedRecords };
}
