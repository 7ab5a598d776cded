// Length-prioritised filling of PPL bins to their targets (Algorithm 1, step 3, as SPEC's
// reference behaviour, without its duplicate-row bug):
//   in bin order; within a bin, candidates by token length descending, ties by a seeded draw;
//   rounds local_cap = 1 … d: take a candidate unless it is already taken, its query already has
//   d selected anywhere, or already local_cap in this bin; stop at the bin's target.
// A bin short of candidates stays short and says so. With `redistribute`, each short bin's
// missing units then go to the nearest bins (lower first at equal distance) that still have
// takeable candidates, filled by the same rules.
import { BinaryHeap } from "../common/binary-heap.ts";
import type { CandidatePool } from "./pool.ts";
import { randomKey } from "../common/random.ts";

export interface BinFill {
  target: number;
  /** Candidates whose PPL falls in the bin. */
  available: number;
  /** Taken for the bin's own target. */
  taken: number;
  shortfall: number;
  /** Taken beyond the target, on behalf of short bins (with redistribution). */
  received: number;
}

export interface FillOptions {
  perQuery: number;
  seed: number;
  redistribute: boolean;
}

/**
 * Candidates of one bin, in priority order, sorted lazily: the heap is built on first look (bins
 * with a zero target are never looked at) and popped only as far as anyone looks.
 */
class BinQueue {
  readonly seen: number[] = [];
  readonly local = new Map<number, number>();
  private heap: BinaryHeap | undefined;
  constructor(private readonly build: () => BinaryHeap) {}
  at(k: number): number {
    this.heap ??= this.build();
    while (this.seen.length <= k) {
      const c = this.heap.pop();
      if (c < 0) return -1;
      this.seen.push(c);
    }
    return this.seen[k];
  }
}

/** `binOf[i]` is candidate i's bin or −1. Returns the picks in the order taken and each bin's account. */
export function fillBins(pool: CandidatePool, binOf: Int32Array, targets: readonly number[], opts: FillOptions): { picked: number[]; bins: BinFill[] } {
  const m = targets.length;
  const starts = new Int32Array(m + 1);
  for (let i = 0; i < pool.size; i++) if (binOf[i] >= 0) starts[binOf[i] + 1]++;
  for (let b = 0; b < m; b++) starts[b + 1] += starts[b];
  const members = new Int32Array(starts[m]);
  const fillAt = starts.slice(0, m);
  for (let i = 0; i < pool.size; i++) if (binOf[i] >= 0) members[fillAt[binOf[i]]++] = i;

  const { len } = pool;
  const draw = new Uint32Array(pool.size);
  const before = (a: number, b: number) => len[a] > len[b] || (len[a] === len[b] && (draw[a] < draw[b] || (draw[a] === draw[b] && a < b)));
  const queues = Array.from(
    { length: m },
    (_, b) =>
      new BinQueue(() => {
        const items = members.slice(starts[b], starts[b + 1]);
        for (const i of items) draw[i] = randomKey(opts.seed, i);
        return BinaryHeap.of(items, before);
      }),
  );

  const taken = new Uint8Array(pool.size);
  const perQueryCount = new Int32Array(pool.queries);
  const picked: number[] = [];
  const d = opts.perQuery;
  /** Takes up to `want` more candidates from bin b by the round rules; returns how many. */
  const take = (b: number, want: number): number => {
    const q = queues[b];
    let got = 0;
    for (let cap = 1; cap <= d && got < want; cap++) {
      for (let k = 0; got < want; k++) {
        const c = q.at(k);
        if (c < 0) break;
        if (taken[c]) continue;
        const query = pool.qid[c];
        if (perQueryCount[query] >= d) continue;
        const here = q.local.get(query) ?? 0;
        if (here >= cap) continue;
        taken[c] = 1;
        perQueryCount[query]++;
        q.local.set(query, here + 1);
        picked.push(c);
        got++;
      }
    }
    return got;
  };

  const bins: BinFill[] = targets.map((target, b) => {
    const got = take(b, target);
    return { target, available: starts[b + 1] - starts[b], taken: got, shortfall: target - got, received: 0 };
  });
  if (opts.redistribute) {
    for (let b = 0; b < m; b++) {
      let missing = bins[b].shortfall;
      for (let dist = 1; missing > 0 && dist < m; dist++) {
        for (const nb of [b - dist, b + dist]) {
          if (nb < 0 || nb >= m || missing === 0) continue;
          const got = take(nb, missing);
          bins[nb].received += got;
          missing -= got;
        }
      }
    }
  }
  return { picked, bins };
}
