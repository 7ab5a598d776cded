// Which records go in which global batch. Pure: pools of record rows in, batches of rows out.
//
// Every global batch holds exactly `ulPerBatch` (k) UL rows and `globalBatch - k` CE rows, in an
// order shuffled within the batch. Epoch e draws from createRandom(seed + e): both pools are
// shuffled, then consumed batch by batch; the epoch ends when either pool runs out (a partial
// batch is never made). With `wrap`, the pool that would run out first is reshuffled and used
// once more, so the epoch lasts until the other pool runs out or the shorter one has been used
// twice. k = 0 (sft, oxa-mle) is the same code with an empty UL share.
import { createRandom, shuffleInPlace } from "../common/random.ts";

export interface ScheduleOptions {
  globalBatch: number;
  ulPerBatch: number;
  epochs: number;
  seed: number;
  wrap: boolean;
}

export interface ScheduledBatch {
  epoch: number;
  rows: number[];
}

/** Batches one epoch can make from pools of these sizes. */
export function batchesPerEpoch(nCe: number, nUl: number, o: Pick<ScheduleOptions, "globalBatch" | "ulPerBatch" | "wrap">): number {
  const perCe = o.globalBatch - o.ulPerBatch;
  const caps = [perCe > 0 ? nCe / perCe : Infinity, o.ulPerBatch > 0 ? nUl / o.ulPerBatch : Infinity];
  const [short, long] = caps[0] <= caps[1] ? caps : [caps[1], caps[0]];
  if (short < 1) return 0; // a pool smaller than its share of one batch would repeat rows in a batch
  return Math.floor(o.wrap ? Math.min(long, 2 * short) : short);
}

/** The pool as a stream of `need` rows: one shuffled pass, then (if needed) a second shuffled pass
 * whose rows that are still in the first pass's unused tail move to its end, so the batch that
 * straddles the seam never holds a row twice. */
function drawOrder(pool: readonly number[], need: number, per: number, rand: () => number): number[] {
  const first = shuffleInPlace([...pool], rand);
  if (need <= first.length) return first.slice(0, need);
  const tail = new Set(first.slice(first.length - (first.length % per)));
  const second = shuffleInPlace([...pool], rand);
  const reordered = [...second.filter((r) => !tail.has(r)), ...second.filter((r) => tail.has(r))];
  return [...first, ...reordered].slice(0, need);
}

export function composeSchedule(ce: readonly number[], ul: readonly number[], o: ScheduleOptions): ScheduledBatch[] {
  const k = o.ulPerBatch;
  const perCe = o.globalBatch - k;
  const n = batchesPerEpoch(ce.length, ul.length, o);
  const out: ScheduledBatch[] = [];
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    const rand = createRandom(o.seed + epoch);
    const ceRows = drawOrder(ce, n * perCe, perCe, rand);
    const ulRows = drawOrder(ul, n * k, k, rand);
    for (let b = 0; b < n; b++) {
      const rows = [...ceRows.slice(b * perCe, (b + 1) * perCe), ...ulRows.slice(b * k, (b + 1) * k)];
      out.push({ epoch, rows: shuffleInPlace(rows, rand) });
    }
  }
  return out;
}
