// Running `oxa demo` as a child process in the demo tests: to completion (its --json result), and
// waiting for a file-system condition that marks a stage in progress, to kill the demo there.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";

export const OXA = resolve("bin/oxa.mjs");
export const env = { ...process.env, OXA_NO_PROGRESS: "1" };

/** Runs `oxa demo ARGS --out OUT --json` to the end and returns its result. */
export function demo(out: string, args: string[]) {
  const r = spawnSync(process.execPath, [OXA, "demo", ...args, "--out", out, "--json"], { env, encoding: "utf8", timeout: 900_000 });
  assert.equal(r.status, 0, r.stderr.slice(-3000));
  return JSON.parse(r.stdout);
}

/** Resolves once `check()` holds (polled every 20 ms); rejects after `ms`. */
export function until(check: () => boolean, ms: number): Promise<void> {
  return new Promise((res, rej) => {
    const t0 = Date.now();
    const timer = setInterval(() => {
      if (check()) (clearInterval(timer), res());
      else if (Date.now() - t0 > ms) (clearInterval(timer), rej(new Error("timed out waiting for the demo")));
    }, 20);
  });
}
