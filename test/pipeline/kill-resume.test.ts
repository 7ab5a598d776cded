import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { outputsOf, run, statuses, tmp, writePipeline } from "./fixtures.ts";

const BIN = join(import.meta.dirname, "../../bin/oxa.mjs");

// small -> big (slow: thousands of problems) -> after; each seeded from the result before it.
const PIPELINE = `
stages:
  small:
    uses: world
    with: { out: "\${out}", n-train: 20, n-test: 7, n-pretrain: 0 }
  big:
    uses: world
    with: { out: "\${out}", seed: "\${stages.small.result.counts.test}", n-train: 2500, n-test: 10, n-pretrain: 6000 }
  after:
    uses: world
    with: { out: "\${out}", seed: "\${stages.big.result.counts.test}", n-train: 30, n-test: 5, n-pretrain: 0 }
`;

/** Resolves once `check` holds, polling every few milliseconds. */
function until(check: () => boolean, ms = 60000): Promise<void> {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const timer = setInterval(() => {
      if (check()) (clearInterval(timer), resolve());
      else if (Date.now() - t0 > ms) (clearInterval(timer), reject(new Error("timed out")));
    }, 3);
  });
}

test("SIGKILL in the middle of a stage, then a rerun: the same final outputs as an uninterrupted run", async () => {
  const dir = tmp();
  const file = writePipeline(dir, PIPELINE);
  const reference = await run(file, join(dir, "reference"));
  assert.ok(reference.ok);

  const runDir = join(dir, "killed");
  const child = spawn(process.execPath, [BIN, "run", file, "--out", runDir], { stdio: "ignore", env: { ...process.env, OXA_NO_PROGRESS: "1" } });
  const bigOut = join(runDir, "big", "out");
  // Kill once the slow stage has started writing: a temporary file exists in its output directory.
  await until(() => existsSync(bigOut) && readdirSync(bigOut).some((f) => f.includes(".tmp-")));
  child.kill("SIGKILL");
  await new Promise((r) => child.on("close", r));

  assert.ok(existsSync(join(runDir, "small", "manifest.json")), "the finished stage is done");
  assert.ok(!existsSync(join(runDir, "big", "manifest.json")), "the killed stage is not done");
  assert.ok(existsSync(join(runDir, "big", "started.json")));
  assert.ok(!existsSync(join(runDir, "after")));

  const rerun = spawnSync(process.execPath, [BIN, "run", file, "--out", runDir, "--json"], { encoding: "utf8", env: { ...process.env, OXA_NO_PROGRESS: "1" } });
  assert.equal(rerun.status, 0, rerun.stderr);
  assert.match(rerun.stderr, /\[big\] resuming an unfinished attempt/);
  assert.deepEqual(statuses(JSON.parse(rerun.stdout)), { small: "cached", big: "ran", after: "ran" });
  assert.deepEqual(outputsOf(runDir), outputsOf(join(dir, "reference")));
  assert.ok(!readdirSync(bigOut).some((f) => f.includes(".tmp-")), "the killed writer's temporary files are gone");
});

test("oxa run exits non-zero with a clear message on a bad pipeline, and prints the table otherwise", () => {
  const dir = tmp();
  const bad = writePipeline(dir, "stages:\n  a:\n    uses: world\n    with: { out: '${out}', n-test: -1 }\n", "bad.yaml");
  const r = spawnSync(process.execPath, [BIN, "run", bad, "--out", join(dir, "r")], { encoding: "utf8" });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /bad\.yaml: stage "a" \(uses: world\):\n  line 4, stages\.a\.with\.n-test: .*>=0/);
  const good = writePipeline(dir, "stages:\n  a:\n    uses: world\n    with: { out: '${out}', n-train: 3, n-test: 1, n-pretrain: 0 }\n", "good.yaml");
  const ok = spawnSync(process.execPath, [BIN, "run", good, "--out", join(dir, "r")], { encoding: "utf8", env: { ...process.env, OXA_NO_PROGRESS: "1" } });
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /^stage\s+command\s+status\s+time\n[- ]+\na\s+world\s+ran\s+\d+\.\ds\n\n1 ran in /);
});
