import { test } from "node:test";
import assert from "node:assert/strict";
import { batchesPerEpoch, composeSchedule, type ScheduleOptions } from "../../src/train/batch-schedule.ts";

const range = (a: number, b: number) => Array.from({ length: b - a }, (_, i) => a + i);
const CE = range(0, 2000); // 71 batches of 28 CE rows
const UL = range(5000, 5150); // 37 batches of 4 UL rows: the UL pool runs out first
const opts: ScheduleOptions = { globalBatch: 32, ulPerBatch: 4, epochs: 6, seed: 7, wrap: false };
const isUl = (r: number) => r >= 5000;

test("every batch of a long schedule holds exactly k UL rows, no row twice", () => {
  const s = composeSchedule(CE, UL, opts);
  assert.equal(s.length, 6 * 37);
  for (const b of s) {
    assert.equal(b.rows.length, 32);
    assert.equal(b.rows.filter(isUl).length, 4);
    assert.equal(new Set(b.rows).size, 32);
  }
  // within an epoch no row is used twice
  for (let e = 0; e < 6; e++) {
    const rows = s.filter((b) => b.epoch === e).flatMap((b) => b.rows);
    assert.equal(new Set(rows).size, rows.length);
  }
});

test("rows are shuffled within the batch (UL rows are not all at the end)", () => {
  const s = composeSchedule(CE, UL, opts);
  const ulAtEnd = s.filter((b) => b.rows.slice(-4).every(isUl)).length;
  assert.ok(ulAtEnd < s.length / 10);
});

test("same seed, same schedule; epoch e is drawn from seed + e", () => {
  assert.deepEqual(composeSchedule(CE, UL, opts), composeSchedule(CE, UL, opts));
  assert.notDeepEqual(composeSchedule(CE, UL, { ...opts, seed: 8 }), composeSchedule(CE, UL, opts));
  const a = composeSchedule(CE, UL, { ...opts, epochs: 2 }).filter((b) => b.epoch === 1).map((b) => b.rows);
  const b = composeSchedule(CE, UL, { ...opts, epochs: 1, seed: 8 }).map((b) => b.rows);
  assert.deepEqual(a, b);
  const e0 = composeSchedule(CE, UL, opts).filter((b) => b.epoch === 0).map((b) => b.rows);
  const e1 = composeSchedule(CE, UL, opts).filter((b) => b.epoch === 1).map((b) => b.rows);
  assert.notDeepEqual(e0, e1);
});

test("k = 0 gives pure CE batches from the CE pool alone", () => {
  const s = composeSchedule(CE, [], { ...opts, ulPerBatch: 0, epochs: 1 });
  assert.equal(s.length, Math.floor(2000 / 32));
  assert.ok(s.every((b) => b.rows.length === 32 && !b.rows.some(isUl)));
});

test("wrap uses the shorter pool a second time, reshuffled, never twice in one batch", () => {
  const s = composeSchedule(CE, UL, { ...opts, wrap: true, epochs: 1 });
  assert.equal(s.length, 71); // UL wraps (75 possible); the CE pool then runs out at 71
  for (const b of s) assert.equal(new Set(b.rows).size, 32);
  const uses = new Map<number, number>();
  for (const r of s.flatMap((b) => b.rows).filter(isUl)) uses.set(r, (uses.get(r) ?? 0) + 1);
  assert.ok(Math.max(...uses.values()) <= 2);
});

test("batchesPerEpoch: the pool that runs out first ends the epoch; wrap at most doubles it", () => {
  const o = { globalBatch: 128, ulPerBatch: 16, wrap: false };
  assert.equal(batchesPerEpoch(50000, 50000, o), Math.floor(50000 / 112));
  assert.equal(batchesPerEpoch(50000, 1000, o), Math.floor(1000 / 16));
  assert.equal(batchesPerEpoch(50000, 1000, { ...o, wrap: true }), Math.floor(2000 / 16));
  assert.equal(batchesPerEpoch(500, 50000, { ...o, wrap: true }), Math.floor(1000 / 112));
  assert.equal(batchesPerEpoch(50000, 10, { ...o, wrap: true }), 0); // 10 UL rows cannot fill a share of 16
  assert.equal(batchesPerEpoch(127, 0, { ...o, ulPerBatch: 0 }), 0);
});
