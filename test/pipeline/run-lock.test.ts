// The run directory's lock: a live holder refuses a second run; a dead holder's lock, or one whose
// pid now belongs to a different process (pid reuse), is taken over; release leaves a lock that
// another run has since taken.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { processStartTime } from "../../src/common/process-identity.ts";
import { lockRun } from "../../src/pipeline/run-lock.ts";
import { tmp } from "./fixtures.ts";

/** A live process other than this one, and its stop. */
function otherProcess() {
  const child = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
  const exited = new Promise((r) => child.on("exit", r));
  return { pid: child.pid!, stop: () => (child.kill("SIGKILL"), exited) };
}

test("a live holder refuses a second run, naming its pid; once it has gone its lock is taken over", async () => {
  const dir = tmp();
  const other = otherProcess();
  try {
    writeFileSync(join(dir, ".lock"), JSON.stringify({ pid: other.pid, started: processStartTime(other.pid) }));
    assert.throws(() => lockRun(dir), new RegExp(`another oxa run \\(pid ${other.pid}\\) is using`));
    // a lock written before start times were recorded (the pid alone) is also respected
    writeFileSync(join(dir, ".lock"), String(other.pid));
    assert.throws(() => lockRun(dir), /another oxa run/);
  } finally {
    await other.stop();
  }
  const release = lockRun(dir);
  assert.equal(JSON.parse(readFileSync(join(dir, ".lock"), "utf8")).pid, process.pid);
  release();
  assert.equal(existsSync(join(dir, ".lock")), false);
});

test("a reused pid is not the holder: a live process that started at another time does not keep the lock", { skip: processStartTime(process.pid) === null && "no /proc here" }, async () => {
  const dir = tmp();
  const other = otherProcess();
  try {
    const started = processStartTime(other.pid)!;
    assert.match(started, /^\d+$/);
    writeFileSync(join(dir, ".lock"), JSON.stringify({ pid: other.pid, started: String(Number(started) - 1) }));
    const release = lockRun(dir);
    release();
  } finally {
    await other.stop();
  }
});

test("release keeps a lock another run has taken since; a torn lock file is taken over", () => {
  const dir = tmp();
  const release = lockRun(dir);
  writeFileSync(join(dir, ".lock"), JSON.stringify({ pid: 1, started: "0" }));
  release();
  assert.equal(existsSync(join(dir, ".lock")), true);
  writeFileSync(join(dir, ".lock"), '{"pid": 12');
  lockRun(dir)();
  assert.equal(existsSync(join(dir, ".lock")), false);
});
