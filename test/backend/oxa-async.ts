// Test helper: the real `oxa` CLI as a child process, awaited without blocking this process's
// event loop (a loopback proxy or stand-in server in the test process must keep answering).
import { spawn } from "node:child_process";
import { resolve } from "node:path";

const OXA = resolve("bin/oxa.mjs");
const env = { ...process.env, OXA_NO_PROGRESS: "1", OMP_NUM_THREADS: "1" };

export interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function oxaAsync(args: string[], opts: { onSpawn?: (pid: number) => void } = {}): Promise<Ran> {
  const child = spawn(process.execPath, [OXA, ...args], { env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  opts.onSpawn?.(child.pid!);
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  return new Promise((r) => child.on("close", (status) => r({ status, stdout, stderr })));
}
