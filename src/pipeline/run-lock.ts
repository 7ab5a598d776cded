// One `oxa run` per run directory at a time. The lock names its process; a lock left by a
// process that no longer exists (a killed run) is taken over.
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { UsageError } from "../io/errors.ts";

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
};

/** Takes the lock of `runDir`; returns the function that releases it. */
export function lockRun(runDir: string): () => void {
  mkdirSync(runDir, { recursive: true });
  const path = join(runDir, ".lock");
  if (existsSync(path)) {
    const pid = Number(readFileSync(path, "utf8"));
    if (Number.isInteger(pid) && pid !== process.pid && alive(pid)) throw new UsageError(`another oxa run (pid ${pid}) is using ${runDir}; wait for it or stop it`);
  }
  writeFileSync(path, String(process.pid));
  return () => rmSync(path, { force: true });
}
