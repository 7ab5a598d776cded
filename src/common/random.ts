// Seeded randomness: one generator (sfc32, 128-bit state) for the whole project.
//   createRandom(seed)   a stream of uniform floats in [0, 1) from an integer seed (shuffles, schedules)
//   createRng(...key)    the same generator keyed by any parts (seed, split, index): independent streams
//                        per key, so every draw of the world is a pure function of its key
//   randomKey(seed, i)   counter-based: a draw that depends only on (seed, i), not on visiting order

/** Mixes 32 bits thoroughly (the murmur3 finaliser). */
export function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A uint32 draw for item `i` under `seed`: a pure function of both. */
export function randomKey(seed: number, i: number): number {
  return mix32(mix32((seed ^ 0x9e3779b9) >>> 0) ^ mix32((i + 0x7f4a7c15) >>> 0));
}

/** Returns a function giving uniform floats in [0, 1) — sfc32 seeded from `seed`. */
export function createRandom(seed: number): () => number {
  let a = mix32(seed >>> 0);
  let b = mix32(a ^ 0x243f6a88);
  let c = mix32(b ^ 0x85a308d3);
  let d = 1;
  const next = () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next(); // discard the weakly mixed start
  return next;
}

/** A uniform integer in [0, n). */
export function randomInt(rand: () => number, n: number): number {
  return Math.floor(rand() * n);
}

/** Fisher–Yates shuffle in place. */
export function shuffleInPlace<T extends { length: number; [i: number]: any }>(arr: T, rand: () => number): T {
  for (let i = arr.length - 1; i > 0; i--) {
    const j = randomInt(rand, i + 1);
    const t = arr[i];
    arr[i] = arr[j];
    arr[j] = t;
  }
  return arr;
}

/** A keyed stream with the helpers the world's generator draws with. */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [lo, hi] (both inclusive). */
  int(lo: number, hi: number): number;
  pick<T>(items: readonly T[]): T;
  /** Index drawn with probability proportional to its weight. */
  weighted(weights: readonly number[]): number;
}

/** FNV-1a over the key's parts: a 32-bit seed for a key such as (seed, "train", 17). */
function hashKey(key: readonly (string | number)[]): number {
  const text = key.join("\u0001");
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A stream keyed by any parts (seed, split name, index...): different keys give independent streams. */
export function createRng(...key: (string | number)[]): Rng {
  const next = createRandom(hashKey(key));
  return {
    next,
    int: (lo, hi) => lo + randomInt(next, hi - lo + 1),
    pick: (items) => items[randomInt(next, items.length)],
    weighted(weights) {
      const total = weights.reduce((a, b) => a + b, 0);
      let r = next() * total;
      for (let i = 0; i < weights.length; i++) {
        r -= weights[i];
        if (r < 0) return i;
      }
      return weights.length - 1;
    },
  };
}
