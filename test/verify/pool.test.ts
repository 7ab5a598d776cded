import { test } from "node:test";
import assert from "node:assert/strict";
import { loadCases } from "../../bench/verify/cases.ts";
import { verify, VerifierPool } from "../../src/verify/index.ts";

test("the pool gives the same verdicts as verify() in-process, in order", async () => {
  const cases = loadCases().filter((c) => !c.options);
  const pool = new VerifierPool({ workers: 2, batchSize: 16 });
  try {
    const got = await pool.verifyMany(cases.map((c) => ({ gold: c.gold, response: c.response })));
    cases.forEach((c, i) => {
      const want = verify(c.gold, c.response);
      assert.deepEqual([got[i].correct, got[i].status, got[i].predicted, got[i].reason], [want.correct, want.status, want.predicted, want.reason], c.response);
    });
  } finally {
    await pool.close();
  }
});

test("an item that overruns is killed with its worker; the rest of the batch and the pool carry on", async () => {
  const budget = 100;
  const pool = new VerifierPool({ workers: 2, batchSize: 8, verify: { timeoutMs: budget } });
  try {
    // One uninterruptible BigInt factorial after another: the cooperative check (every 64 steps)
    // is not reached before the watchdog ends the worker.
    const slow = "\\boxed{\\max(" + Array(200).fill("5000!").join(",") + ")}";
    const items = [
      ...Array.from({ length: 10 }, (_, k) => ({ gold: String(k), response: `\\boxed{${k}}` })),
      { gold: "5", response: slow },
      ...Array.from({ length: 10 }, (_, k) => ({ gold: `\\frac{${k}}{2}`, response: `\\boxed{${k / 2}}` })),
    ];
    const t = performance.now();
    const v = await pool.verifyMany(items);
    assert.equal(v[10].status, "timeout");
    assert.equal(v[10].correct, false);
    // the watchdog's timer may fire late on a busy machine; unchecked, the item takes over 1 s
    assert.ok(v[10].ms >= budget && v[10].ms < budget + 600, `${v[10].ms}`);
    // tried twice, a fresh worker each time, before "timeout" is its verdict
    assert.equal(pool.stats.retried, 1);
    assert.ok(pool.stats.killed >= 2, `${pool.stats.killed} kills`);
    assert.ok(v.filter((_, i) => i !== 10).every((x) => x.correct && x.status === "ok"));
    assert.ok(performance.now() - t < 10_000);
    const after = await pool.verifyMany(Array.from({ length: 50 }, () => ({ gold: "0.25", response: "\\boxed{\\frac14}" })));
    assert.ok(after.every((x) => x.correct));
    assert.equal(pool.size, 2);
  } finally {
    await pool.close();
  }
});
