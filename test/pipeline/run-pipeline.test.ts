import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { manifestSchema } from "../../src/pipeline/index.ts";
import { outputsOf, run, statuses, tmp, writePipeline } from "./fixtures.ts";

const pipeline = (o: { seed?: number; min?: number; field?: string } = {}) => `
vars:
  seed: ${o.seed ?? 1}
stages:
  gen:
    uses: world
    with:
      out: \${out}
      seed: \${vars.seed}
      n-train: 40
      n-test: 10
      n-pretrain: 20
  long:
    uses: count
    with:
      input: \${stages.gen.out}/train.jsonl
      out: \${out}
      min: ${o.min ?? 100}
      field: ${o.field ?? "query"}
  again:
    uses: count
    with:
      input: \${stages.long.out}/count.json
      out: \${out}
  other:
    uses: world
    with: { out: "\${out}", n-train: 5, n-test: 0, n-pretrain: 0 }
`;

const manifest = (runDir: string, stage: string) => manifestSchema.parse(JSON.parse(readFileSync(join(runDir, stage, "manifest.json"), "utf8")));

test("a rerun skips unchanged stages; changing one parameter reruns that stage and what depends on it", async () => {
  const dir = tmp();
  const out = join(dir, "run");
  const file = writePipeline(dir, pipeline());
  const first = await run(file, out);
  assert.ok(first.ok);
  assert.deepEqual(statuses(first), { gen: "ran", long: "ran", again: "ran", other: "ran" });
  // The count is right: an independent count of the world's train file.
  const rows = readFileSync(join(out, "gen/out/train.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
  assert.equal(first.stages[1].result && (first.stages[1].result as { rows: number }).rows, rows.filter((r) => r.query.length >= 100).length);
  const m = manifest(out, "long");
  assert.deepEqual(Object.keys(m.inputs), ["<run>/gen/out/train.jsonl"]);
  assert.equal(m.params.input, "<run>/gen/out/train.jsonl");
  assert.ok(m.code.package && m.code.src && m.seconds >= 0 && m.outputs.some((o) => o.path === "count.json"));

  assert.deepEqual(statuses(await run(file, out)), { gen: "cached", long: "cached", again: "cached", other: "cached" });

  writePipeline(dir, pipeline({ min: 150 }));
  const changed = await run(file, out);
  assert.deepEqual(statuses(changed), { gen: "cached", long: "ran", again: "ran", other: "cached" });
  assert.notEqual(manifest(out, "long").key, m.key);

  // Reordering keys or writing them camelCase changes nothing.
  writePipeline(dir, pipeline({ min: 150 }).replace("n-train: 40\n      n-test: 10", "n-test: 10\n      nTrain: 40"));
  assert.deepEqual(statuses(await run(file, out)), { gen: "cached", long: "cached", again: "cached", other: "cached" });
});

test("a stage whose inputs come out byte-identical stays cached (content hashes, not timestamps)", async () => {
  const dir = tmp();
  const out = join(dir, "run");
  const file = writePipeline(dir, pipeline({ min: 100000 }));
  await run(file, out);
  writePipeline(dir, pipeline({ min: 100000, seed: 2 })); // another world, still 0 rows that long
  assert.deepEqual(statuses(await run(file, out)), { gen: "ran", long: "ran", again: "cached", other: "cached" });
});

test("--from reruns a stage and all after it, --only reruns one; --var overrides a variable", async () => {
  const dir = tmp();
  const out = join(dir, "run");
  const file = writePipeline(dir, pipeline());
  await run(file, out);
  assert.deepEqual(statuses(await run(file, out, { from: "again" })), { gen: "kept", long: "kept", again: "ran", other: "ran" });
  assert.deepEqual(statuses(await run(file, out, { only: "long" })), { gen: "kept", long: "ran", again: "kept", other: "kept" });
  const v = await run(file, out, { vars: ["seed=5"] });
  assert.equal(statuses(v).gen, "ran");
  assert.equal(manifest(out, "gen").params.seed, 5);
  await assert.rejects(run(tmp() + "/p.yaml", out), /cannot read the pipeline file/);
  await assert.rejects(run(file, out, { from: "nope" }), /--from nope: no such stage \(stages: gen, long, again, other\)/);
  await assert.rejects(run(file, out, { vars: ["sed=5"] }), /--var sed=5: .*seed/);
  await assert.rejects(run(file, join(dir, "fresh"), { only: "long" }), /stage "long".*stages\.long\.with\.input: stage "gen" has not finished yet/s);
});

test("a deleted output makes its stage run again", async () => {
  const dir = tmp();
  const out = join(dir, "run");
  const file = writePipeline(dir, pipeline());
  await run(file, out);
  rmSync(join(out, "long/out/count.json"));
  assert.deepEqual(statuses(await run(file, out)), { gen: "cached", long: "ran", again: "cached", other: "cached" });
});

test("a failed stage stops the run; the retry with the same key resumes in place, a changed key starts clean", async () => {
  const dir = tmp();
  const out = join(dir, "run");
  const yaml = (label: string) => `stages:\n  first:\n    uses: gated\n    with: { out: "\${out}", label: ${label} }\n    on-resume: { resume: true }\n  second:\n    uses: count\n    with: { input: "\${stages.first.out}/work.partial.jsonl", out: "\${out}" }\n`;
  const file = writePipeline(dir, yaml("a"));
  delete process.env.OXA_TEST_GATE;
  const failed = await run(file, out);
  assert.equal(failed.ok, false);
  assert.deepEqual(statuses(failed), { first: "failed", second: "not-run" });
  assert.match(failed.stages[0].error ?? "", /gate closed/);
  assert.ok(!existsSync(join(out, "first/manifest.json")) && existsSync(join(out, "first/started.json")));
  assert.equal((await run(file, out)).ok, false); // second attempt, same key: the partial file grows
  process.env.OXA_TEST_GATE = "open";
  try {
    const resumed = await run(file, out);
    assert.deepEqual(statuses(resumed), { first: "ran", second: "ran" });
    assert.deepEqual(resumed.stages[0].result, { earlierAttempts: 2, resume: true });
    const lines = readFileSync(join(out, "first/out/work.partial.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l).resume);
    assert.deepEqual(lines, [false, true, true], "on-resume options only on resumed attempts");
    assert.ok(!existsSync(join(out, "first/started.json")));
    writePipeline(dir, yaml("b"));
    delete process.env.OXA_TEST_GATE;
    await run(file, out);
    process.env.OXA_TEST_GATE = "open";
    const fresh = await run(file, out);
    assert.deepEqual(fresh.stages[0].result, { earlierAttempts: 1, resume: true }, "only the failed attempt with the new key is kept");
  } finally {
    delete process.env.OXA_TEST_GATE;
  }
});

test("the same pipeline in two run directories gives identical outputs", async () => {
  const dir = tmp();
  const file = writePipeline(dir, pipeline());
  await run(file, join(dir, "a"));
  await run(file, join(dir, "b"));
  const a = outputsOf(join(dir, "a"));
  assert.ok(Object.keys(a).length >= 10);
  assert.deepEqual(outputsOf(join(dir, "b")), a);
  writeFileSync(join(dir, "unused"), "");
});

test("resuming a stage first stops engine processes a killed run left writing into it, and nothing else", async () => {
  const { spawn } = await import("node:child_process");
  const { mkdirSync } = await import("node:fs");
  const dir = tmp();
  const out = join(dir, "run");
  const file = writePipeline(dir, `stages:\n  first:\n    uses: gated\n    with: { out: "\${out}" }\n`);
  delete process.env.OXA_TEST_GATE;
  await run(file, out); // fails: an unfinished attempt
  const work = join(out, "first", "out", "x.work");
  mkdirSync(work, { recursive: true });
  // Stand-ins for orphans: same command-line shape as an engine job, and one unrelated process.
  const keep = "setTimeout(() => {}, 60000)";
  const orphan = spawn(process.execPath, ["-e", keep, "--", "-m", "oxa_engine", "score", "--spec", join(work, "score.spec.json")], { stdio: "ignore" });
  const viewer = spawn(process.execPath, ["-e", keep, "--", join(work, "score.spec.json")], { stdio: "ignore" });
  const exited = (c: typeof orphan) => new Promise((r) => c.on("exit", r));
  const orphanGone = exited(orphan);
  await new Promise((r) => setTimeout(r, 300));
  process.env.OXA_TEST_GATE = "open";
  try {
    assert.deepEqual(statuses(await run(file, out)), { first: "ran" });
  } finally {
    delete process.env.OXA_TEST_GATE;
  }
  await orphanGone;
  assert.equal(orphan.signalCode, "SIGTERM");
  assert.equal(viewer.exitCode, null, "a process that is not an engine job is left alone");
  viewer.kill();
});
