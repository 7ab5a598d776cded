// `oxa run --jobs N`: the slot pool, the dependency graph read from references, and the runner with
// concurrent stages (overlap only where no reference forbids it, the same outputs as one job, the
// engine's thread share, and what a failure stops).
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { z } from "zod";
import { availableParallelism } from "node:os";
import { defineCommand } from "../../src/command/command.ts";
import { writeJsonAtomic } from "../../src/io/atomic.ts";
import { JobSlots, loadPipeline, runPipeline } from "../../src/pipeline/index.ts";
import { stageDependencies } from "../../src/pipeline/stage-dependencies.ts";
import { outputsOf, quietCtx, statuses, testCommands, tmp, writePipeline } from "./fixtures.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Sleeps, then writes what it saw: when it ran and the thread count an engine started now would get. */
function napCommand(log: { stage: string; start: number; end: number }[]) {
  return defineCommand({
    name: "nap",
    summary: "sleep and record",
    examples: [],
    schema: z.object({ out: z.string().describe("dir"), ms: z.number().default(200).describe("sleep"), label: z.string().describe("name"), after: z.array(z.string()).default([]).describe("inputs") }),
    async run(c) {
      const start = performance.now();
      const threads = process.env.OMP_NUM_THREADS ?? null;
      await sleep(c.ms);
      log.push({ stage: c.label, start, end: performance.now() });
      writeJsonAtomic(join(c.out, "nap.json"), { label: c.label, after: c.after.length });
      return { label: c.label, threads };
    },
  });
}

// a and b are independent; c uses both; d uses nothing; e uses c's result.
const diamond = `
stages:
  a:
    uses: nap
    with: { out: "\${out}", label: a, ms: 300 }
  b:
    uses: nap
    with: { out: "\${out}", label: b, ms: 300 }
  c:
    uses: nap
    with: { out: "\${out}", label: c, ms: 50, after: ["\${stages.a.out}", "\${stages.b.result.label}"] }
  d:
    uses: nap
    with: { out: "\${out}", label: d, ms: 50 }
  e:
    uses: nap
    with: { out: "\${out}", label: e, ms: 50, after: ["\${stages.c.out}"] }
`;

test("job slots: never more holders than slots, served in the order asked, a release counts once", async () => {
  const slots = new JobSlots(2);
  let holding = 0;
  let most = 0;
  const order: number[] = [];
  await Promise.all(
    Array.from({ length: 7 }, async (_, i) => {
      const give = await slots.acquire();
      order.push(i);
      holding++;
      most = Math.max(most, holding);
      await sleep(5 + (i % 3) * 5);
      holding--;
      give();
      give(); // a second release must not free a second slot
    }),
  );
  assert.equal(most, 2);
  assert.deepEqual(order, [0, 1, 2, 3, 4, 5, 6]);
  assert.throws(() => new JobSlots(0), /whole number >= 1/);
});

test("dependencies come from ${stages.*} references in with and on-resume; ${run} waits for every earlier stage", () => {
  const dir = tmp();
  const file = writePipeline(dir, `
stages:
  a: { uses: nap, with: { out: "\${out}", label: a } }
  b: { uses: nap, with: { out: "\${out}", label: b } }
  c: { uses: nap, with: { out: "\${out}", label: "\${stages.b.result.label}" }, on-resume: { after: ["\${stages.a.out}/x"] } }
  d: { uses: nap, with: { out: "\${out}", label: d } }
  e: { uses: nap, with: { out: "\${run}/elsewhere", label: e } }
  f: { uses: nap, with: { out: "\${out}", label: "\${stages.d.result.label}-\${stages.d.result.label}" } }
`);
  assert.deepEqual(stageDependencies(loadPipeline(file)), [[], [], [0, 1], [], [0, 1, 2, 3], [3]]);
});

test("--jobs 2 overlaps independent stages only, gives each engine half the cores, and writes what one job writes", async () => {
  const dir = tmp();
  const file = writePipeline(dir, diamond);
  const runWith = async (jobs: number, out: string) => {
    const log: { stage: string; start: number; end: number }[] = [];
    const report = await runPipeline({ file, out: join(dir, out), jobs, commands: { ...testCommands, nap: napCommand(log) }, ctx: quietCtx() });
    const at = Object.fromEntries(log.map((l) => [l.stage, l]));
    return { report, at, log };
  };
  const savedThreads = process.env.OMP_NUM_THREADS;
  delete process.env.OMP_NUM_THREADS;
  try {
    const one = await runWith(1, "one");
    assert.ok(one.report.ok);
    assert.deepEqual(one.log.map((l) => l.stage), ["a", "b", "c", "d", "e"]); // file order, one at a time
    for (let i = 1; i < one.log.length; i++) assert.ok(one.log[i].start >= one.log[i - 1].end);
    assert.equal((one.report.stages[0].result as { threads: string | null }).threads, null); // one job: the thread count is left alone

    const two = await runWith(2, "two");
    assert.ok(two.report.ok);
    const { a, b, c, d, e } = two.at;
    assert.ok(b.start < a.end && a.start < b.end, "a and b overlap");
    assert.ok(c.start >= Math.max(a.end, b.end), "c waits for a and b");
    assert.ok(e.start >= c.end, "e waits for c");
    assert.ok(d.start >= Math.min(a.end, b.end), "d, ready from the start, waits for a free slot");
    const running = (t: number) => two.log.filter((l) => l.start <= t && t < l.end).length;
    assert.equal(Math.max(...two.log.map((l) => running(l.start))), 2, "never more than two stages at once");
    const share = String(Math.max(1, Math.floor(availableParallelism() / 2)));
    assert.ok(two.report.stages.every((s) => (s.result as { threads: string }).threads === share));
    assert.equal(process.env.OMP_NUM_THREADS, undefined, "the runner restores the environment");
    assert.deepEqual(two.report.stages.map((s) => s.name), ["a", "b", "c", "d", "e"]); // the report keeps file order
    assert.deepEqual(outputsOf(join(dir, "two")), outputsOf(join(dir, "one")));
    // a second run with 2 jobs finds everything cached, exactly as with one
    const again = await runWith(2, "two");
    assert.deepEqual(Object.values(statuses(again.report)), ["cached", "cached", "cached", "cached", "cached"]);
    assert.equal(again.log.length, 0);

    process.env.OMP_NUM_THREADS = "3"; // a thread count the user set is kept
    const three = await runWith(2, "three");
    assert.ok(three.report.stages.every((s) => (s.result as { threads: string }).threads === "3"));
  } finally {
    if (savedThreads === undefined) delete process.env.OMP_NUM_THREADS;
    else process.env.OMP_NUM_THREADS = savedThreads;
  }
});

test("with --jobs 2 a failure starts nothing new, lets the running stage finish, and leaves its dependants not-run", async () => {
  const dir = tmp();
  const file = writePipeline(dir, `
stages:
  bad:
    uses: gated
    with: { out: "\${out}" }
  slow:
    uses: nap
    with: { out: "\${out}", label: slow, ms: 300 }
  needs-bad:
    uses: nap
    with: { out: "\${out}", label: "\${stages.bad.result.resume}" }
  free:
    uses: nap
    with: { out: "\${out}", label: free, ms: 10 }
`);
  const log: { stage: string; start: number; end: number }[] = [];
  const saved = process.env.OXA_TEST_GATE;
  delete process.env.OXA_TEST_GATE;
  try {
    const report = await runPipeline({ file, out: join(dir, "run"), jobs: 2, commands: { ...testCommands, nap: napCommand(log) }, ctx: quietCtx() });
    assert.equal(report.ok, false);
    assert.deepEqual(statuses(report), { bad: "failed", slow: "ran", "needs-bad": "not-run", free: "not-run" });
    assert.match(report.stages[0].error ?? "", /gate closed/);
    assert.deepEqual(log.map((l) => l.stage), ["slow"]);
  } finally {
    if (saved !== undefined) process.env.OXA_TEST_GATE = saved;
  }
});
