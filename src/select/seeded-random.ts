// Seeded randomness. `createRandom` is a small fast PRNG (sfc32) for sequences such as shuffles;
// `randomKey` is counter-based, so a candidate's tie-break draw depends only on (seed, candidate)
// and not on the order in which candidates happen to be visited.

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
