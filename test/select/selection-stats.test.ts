import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { CandidatePool } from "../../src/select/pool.ts";
import { selectCandidates, type SelectOptions } from "../../src/select/select-candidates.ts";
import { selectionChart } from "../../src/select/selection-chart.ts";
import { selectionStats } from "../../src/select/selection-stats.ts";

const summary = { file: "x.jsonl", format: "jsonl" as const, rows: 0, responses: 0, kept: 0, queries: 0, excluded: {}, duplicates: { count: 0 } };
const o: SelectOptions = { strategy: "gaussian", n: 30, perQuery: 1, seed: 1, mu: 2.0, sigma: 0.5, minPpl: 1.0, maxPpl: 3.0, binWidth: 0.25, redistribute: false };

test("summary numbers agree with a direct count: per-bin availability, histograms, moments, per-query histogram", () => {
  fc.assert(
    fc.property(
      fc.array(fc.record({ q: fc.integer({ min: 0, max: 40 }), ppl: fc.integer({ min: 80, max: 340 }).map((x) => x / 100), len: fc.integer({ min: 1, max: 99 }) }), { minLength: 1, maxLength: 150 }),
      fc.integer({ min: 1, max: 2 }),
      (cands, perQuery) => {
        const pool = CandidatePool.of(cands.map((c) => ({ qid: c.q, ppl: c.ppl, len: c.len })));
        const opts = { ...o, perQuery };
        const sel = selectCandidates(pool, opts);
        const s = selectionStats(pool, sel, opts, { ...summary, kept: pool.size });
        const picked = [...sel.picked];
        // Bins of width 0.25 over [1, 3]: count by an independent rule (exact decimal arithmetic on hundredths).
        const binOf = (ppl: number) => (ppl < 1 || ppl > 3 ? -1 : Math.min(7, Math.floor((Math.round(ppl * 100) - 100) / 25)));
        const avail = new Array(8).fill(0);
        const chosen = new Array(8).fill(0);
        cands.forEach((c, i) => binOf(c.ppl) >= 0 && avail[binOf(c.ppl)]++);
        picked.forEach((i) => chosen[binOf(cands[i].ppl)]++);
        assert.deepEqual(s.bins!.map((b) => b.available), avail);
        assert.deepEqual(s.histograms.pool.counts, avail);
        assert.deepEqual(s.histograms.selected.counts, chosen);
        assert.equal(s.totals.candidatesInRange, avail.reduce((a, b) => a + b, 0));
        assert.equal(s.totals.selected, picked.length);
        assert.equal(s.totals.shortfall, 30 - picked.length);
        if (picked.length > 0) {
          const ppls = picked.map((i) => cands[i].ppl);
          assert.ok(Math.abs(s.selected.ppl.mean! - ppls.reduce((a, b) => a + b, 0) / ppls.length) < 1e-12);
          assert.equal(s.selected.len.max, Math.max(...picked.map((i) => cands[i].len)));
        }
        const perQ = new Map<number, number>();
        picked.forEach((i) => perQ.set(cands[i].q, (perQ.get(cands[i].q) ?? 0) + 1));
        const hist: Record<string, number> = {};
        for (const c of perQ.values()) hist[c] = (hist[c] ?? 0) + 1;
        assert.deepEqual(s.perQuery, { queries: perQ.size, histogram: hist });
        const svg = selectionChart(s);
        assert.equal((svg.match(/<polyline/g) ?? []).length, 1);
        assert.ok(svg.startsWith("<svg xmlns"));
      },
    ),
    { numRuns: 100 },
  );
});
