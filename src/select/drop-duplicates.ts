// Duplicate rows leave the pool: a response whose query and text both equal an earlier row's is
// the same training example twice, and selecting or mining both would weigh it double. Candidates
// come from the 64-bit (query id, response fingerprint) keys, numbered like query ids; each
// candidate's texts are then read back and compared, so only true duplicates are dropped. The first
// occurrence (in file order) stays.
import type { Row } from "../io/records.ts";
import { mix32 } from "../common/random.ts";
import { denseQueryIds } from "./dense-query-ids.ts";
import type { CandidatePool } from "./pool.ts";
import { queryOf, responseText, type PoolFields } from "./row-facts.ts";
import { openRowReader } from "./row-reader.ts";

export interface DuplicateReport {
  /** Rows dropped as repeats of an earlier row. */
  count: number;
  /** The first one: its line (or row) and the line it repeats. */
  first?: { line: number; sameAs: number };
}

/** One line for people, or "" when nothing repeated. */
export function duplicateNote(d: DuplicateReport): string {
  if (d.count === 0 || !d.first) return "";
  return `  left out ${d.count} repeated row${d.count === 1 ? "" : "s"} (same query and response as an earlier row; first: line ${d.first.line} repeats line ${d.first.sameAs})\n`;
}

/** What pass one learnt beside the pool: each entry's response fingerprint, and which query ids occur more than once. */
export interface PoolKeys {
  r0: Uint32Array;
  r1: Uint32Array;
  repeated: Uint8Array;
}

/** Drops repeated (query, response) entries from `pool` in place. */
export async function dropDuplicates(pool: CandidatePool, keys: PoolKeys, input: string, fields: PoolFields): Promise<DuplicateReport> {
  const { r0, r1, repeated } = keys;
  // A repeated row repeats its query: only entries of queries seen more than once are keyed.
  let n = 0;
  for (let i = 0; i < pool.size; i++) n += repeated[pool.qid[i]];
  if (n === 0) return { count: 0 };
  const at = new Int32Array(n);
  for (let i = 0, j = 0; i < pool.size; i++) if (repeated[pool.qid[i]]) at[j++] = i;
  const k0 = new Uint32Array(n);
  const k1 = new Uint32Array(n);
  for (let j = 0; j < n; j++) {
    const i = at[j];
    const q = pool.qid[i];
    k0[j] = mix32(r0[i] ^ Math.imul(q, 0x9e3779b1));
    k1[j] = (r1[i] ^ q) >>> 0;
  }
  const { ids, count, repeated: keyRepeated } = denseQueryIds(k0, k1, n);
  if (count === n) return { count: 0 };
  const candidates: number[] = [];
  for (let j = 0; j < n; j++) if (keyRepeated[ids[j]]) candidates.push(at[j]);

  // Only keys seen more than once reach the disk again.
  const firstOf = new Int32Array(count).fill(-1);
  const drop = new Uint8Array(pool.size);
  const kept = new Map<number, number[]>(); // key → entries with distinct texts kept so far
  const reader = await openRowReader(input, pool, candidates);
  const texts = new Map<number, [string, string]>();
  const textOf = (i: number): [string, string] => {
    let t = texts.get(i);
    if (!t) {
      const row: Row = reader.row(i);
      const where = { file: input, line: pool.line[i] };
      t = [queryOf(row, fields, where), responseText(row, fields, pool.item[i])];
      texts.set(i, t);
    }
    return t;
  };
  const report: DuplicateReport = { count: 0 };
  try {
    for (let j = 0; j < n; j++) {
      const i = at[j];
      const id = ids[j];
      if (firstOf[id] < 0) {
        firstOf[id] = i;
        continue;
      }
      const reps = kept.get(id) ?? [firstOf[id]];
      kept.set(id, reps);
      const [q, r] = textOf(i);
      const same = reps.find((j) => {
        const [qj, rj] = textOf(j);
        return qj === q && rj === r;
      });
      if (same === undefined) {
        reps.push(i); // equal fingerprints, different texts: both stay
        continue;
      }
      drop[i] = 1;
      report.count++;
      report.first ??= { line: pool.line[i], sameAs: pool.line[same] };
    }
  } finally {
    reader.close();
  }
  if (report.count > 0) compact(pool, drop);
  return report;
}

function compact(pool: CandidatePool, drop: Uint8Array): void {
  const cols = [pool.qid, pool.ppl, pool.len, pool.flags, pool.line, pool.offset, pool.bytes, pool.item];
  let w = 0;
  for (let i = 0; i < pool.size; i++) {
    if (drop[i]) continue;
    if (w !== i) for (const c of cols) c[w] = c[i];
    w++;
  }
  pool.size = w;
}
