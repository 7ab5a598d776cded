// The ordered, resumable output of remote runs: records in input order whatever order the work
// finishes in; a failed run keeps its finished prefix (a torn last line dropped) and a rerun does
// only the rest; a partial file of other settings is started afresh.
import { test } from "node:test";
import assert from "node:assert/strict";
import { appendFileSync, existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { z } from "zod";
import { runOrdered } from "../../src/backend/ordered-output.ts";

const rec = z.object({ id: z.string(), k: z.number() });
async function* ids(n: number) {
  for (let i = 0; i < n; i++) yield String(i);
}

function run(output: string, o: { n: number; failAt?: number; fingerprint?: object; seen?: string[] }) {
  return runOrdered({
    output,
    fingerprint: { v: 1, ...o.fingerprint },
    record: rec,
    itemId: (r) => r.id,
    items: ids(o.n),
    idOf: (x) => x,
    window: 8,
    work: async (id) => {
      o.seen?.push(id);
      await new Promise((r) => setTimeout(r, (Number(id) * 7919) % 13)); // finish out of order
      if (Number(id) === o.failAt) throw new Error("boom");
      return [{ id, k: 0 }, { id, k: 1 }];
    },
  });
}

test("input order whatever the finishing order; a failed run resumes with only the rest", async () => {
  const dir = mkdtempSync(join(tmpdir(), "oxa-ordered-"));
  const ref = join(dir, "ref.jsonl");
  await run(ref, { n: 50 });
  const want = Array.from({ length: 50 }, (_, i) => [0, 1].map((k) => JSON.stringify({ id: String(i), k }) + "\n").join("")).join("");
  assert.equal(readFileSync(ref, "utf8"), want);

  const out = join(dir, "out.jsonl");
  await assert.rejects(run(out, { n: 50, failAt: 30 }), /boom/);
  assert.ok(!existsSync(out));
  const partial = readFileSync(`${out}.partial`, "utf8");
  assert.ok(want.startsWith(partial) && partial.length > 0);
  appendFileSync(`${out}.partial`, '{"id": "torn'); // a run killed mid-line
  const seen: string[] = [];
  const r = await run(out, { n: 50, seen });
  const finished = partial.split("\n").length - 1;
  assert.equal(r.resumedRecords, finished);
  assert.equal(seen.length, 50 - finished / 2, "only unfinished items are sent");
  assert.equal(readFileSync(out, "utf8"), want);
  assert.ok(!existsSync(`${out}.partial`));
});

test("a partial file written with other settings is started afresh", async () => {
  const dir = mkdtempSync(join(tmpdir(), "oxa-ordered-"));
  const out = join(dir, "out.jsonl");
  await assert.rejects(run(out, { n: 20, failAt: 15 }), /boom/);
  const seen: string[] = [];
  await run(out, { n: 20, fingerprint: { v: 2 }, seen });
  assert.equal(seen.length, 20);
});
