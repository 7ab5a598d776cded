// Test helper: runs the real `oxa` CLI as a child process (no progress bars) and reads JSONL files.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";

const OXA = resolve("bin/oxa.mjs");
// One engine thread: tiny models gain nothing from more, and a shared CPU makes them slower.
const env = { ...process.env, OXA_NO_PROGRESS: "1", OMP_NUM_THREADS: "1" };

export function oxa(args: string[]) {
  return spawnSync(process.execPath, [OXA, ...args], { env, encoding: "utf8", timeout: 240_000 });
}

/** Starts `oxa` in its own process group, so a test can kill it and the engine under it at once. */
export function oxaDetached(args: string[]): ChildProcess {
  return spawn(process.execPath, [OXA, ...args], { env, detached: true, stdio: "ignore" });
}

export function readJsonl(path: string): Record<string, any>[] {
  return readFileSync(path, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
}

export function writeJsonl(path: string, rows: unknown[]): string {
  writeFileSync(path, rows.map((r) => JSON.stringify(r) + "\n").join(""));
  return path;
}
