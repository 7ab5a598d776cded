// The seeded train/test split: a shuffle of the row indices by the project's one generator, the
// first `testCount` go to test. Both sides keep input order, so a rerun with the same seed and
// input writes byte-identical files and a row's index says where it was in the input.
import { createRandom, shuffleInPlace } from "../common/random.ts";
import { UsageError } from "../io/errors.ts";

/** `testSize` as a count (≥ 1, an integer) or a fraction of the rows (0 ≤ f < 1), turned into a count. */
export function testCountOf(testSize: number, rows: number): number {
  if (testSize < 0) throw new UsageError(`--test-size must not be negative (got ${testSize})`);
  if (testSize < 1) return Math.round(testSize * rows);
  if (!Number.isInteger(testSize)) throw new UsageError(`--test-size ${testSize}: give a whole count or a fraction below 1`);
  if (testSize > rows) throw new UsageError(`--test-size ${testSize} is more than the ${rows} rows of the input`);
  return testSize;
}

/** Which input rows go to test (sorted), the rest to train. */
export function splitRows(rows: number, testCount: number, seed: number): { train: number[]; test: number[] } {
  const order = shuffleInPlace(Array.from({ length: rows }, (_, i) => i), createRandom(seed));
  const isTest = new Uint8Array(rows);
  for (const i of order.slice(0, testCount)) isTest[i] = 1;
  const train: number[] = [];
  const test: number[] = [];
  for (let i = 0; i < rows; i++) (isTest[i] ? test : train).push(i);
  return { train, test };
}
