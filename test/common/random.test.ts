// The project's one seeded generator: streams are pure functions of their seed or key, keys give
// independent streams, and the helpers stay in range and follow their weights.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRandom, createRng, randomKey, shuffleInPlace } from "../../src/common/random.ts";

const take = (next: () => number, n: number) => Array.from({ length: n }, next);

test("same seed or key, same stream; another seed or key, another stream", () => {
  assert.deepEqual(take(createRandom(7), 20), take(createRandom(7), 20));
  assert.notDeepEqual(take(createRandom(7), 20), take(createRandom(8), 20));
  const a = createRng(0, "train", 3);
  const b = createRng(0, "train", 3);
  assert.deepEqual(take(a.next, 20), take(b.next, 20));
  assert.notDeepEqual(take(createRng(0, "train", 3).next, 20), take(createRng(0, "train", 4).next, 20));
  assert.notDeepEqual(take(createRng(0, "train", 3).next, 20), take(createRng(0, "test", 3).next, 20));
  assert.equal(randomKey(5, 9), randomKey(5, 9));
  assert.notEqual(randomKey(5, 9), randomKey(5, 10));
});

test("int, pick and weighted stay in range and follow their weights (chi-square, 60,000 draws)", () => {
  const rng = createRng("chi", 1);
  const counts = new Array(6).fill(0);
  for (let i = 0; i < 60_000; i++) {
    const v = rng.int(1, 6);
    assert.ok(Number.isInteger(v) && v >= 1 && v <= 6);
    counts[v - 1]++;
  }
  const chi = counts.reduce((s, c) => s + (c - 10_000) ** 2 / 10_000, 0);
  assert.ok(chi < 20.5, `chi-square ${chi.toFixed(2)} over 5 degrees of freedom (p < 0.001 above 20.5)`);
  const w = [0, 1, 3];
  const seen = [0, 0, 0];
  for (let i = 0; i < 40_000; i++) seen[rng.weighted(w)]++;
  assert.equal(seen[0], 0);
  assert.ok(Math.abs(seen[2] / seen[1] - 3) < 0.15, `ratio ${seen[2] / seen[1]}`);
  assert.equal(["x", "y"].includes(rng.pick(["x", "y"])), true);
  assert.deepEqual(shuffleInPlace([3, 1, 2, 5, 4], createRandom(1)).sort(), [1, 2, 3, 4, 5]);
});
