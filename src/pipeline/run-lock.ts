// One `oxa run` per run directory at a time. The lock names its process by pid and, where the
// system tells it (Linux's /proc), by the process's start time: a pid is reused after its process
// dies, and a killed run's lock must not be mistaken for a live one because some unrelated process
// got the same number later. The lock is created exclusively, so two runs started together cannot
// both take it; a lock whose process is gone is taken over.
import { openSync, closeSync, readFileSync, rmSync, writeSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { UsageError } from "../io/errors.ts";
import { processAlive, processStartTime } from "../common/process-identity.ts";

interface Holder {
  pid: number;
  /** Clock ticks since boot at which the process started (/proc/<pid>/stat field 22); null where unknown. */
  started: string | null;
}

/** A lock's holder; a lock written before start times were recorded holds just the pid. */
function readHolder(path: string): Holder | null {
  let text: string;
  try {
    text = readFileSync(path, "utf8").trim();
  } catch {
    return null;
  }
  if (/^\d+$/.test(text)) return { pid: Number(text), started: null };
  try {
    const h = JSON.parse(text) as Partial<Holder>;
    return Number.isInteger(h.pid) ? { pid: h.pid!, started: typeof h.started === "string" ? h.started : null } : null;
  } catch {
    return null; // a torn or foreign file: nobody can be shown to hold it
  }
}

/** Whether the process a lock names is still the one that wrote it. */
function holds(h: Holder): boolean {
  if (!processAlive(h.pid)) return false;
  if (h.started === null) return true; // cannot tell a reused pid: assume the holder lives
  const now = processStartTime(h.pid);
  return now === null || now === h.started;
}

/** Takes the lock of `runDir`; returns the function that releases it. */
export function lockRun(runDir: string): () => void {
  mkdirSync(runDir, { recursive: true });
  const path = join(runDir, ".lock");
  const mine = JSON.stringify({ pid: process.pid, started: processStartTime(process.pid) });
  for (let attempt = 0; ; attempt++) {
    try {
      const fd = openSync(path, "wx");
      try {
        writeSync(fd, mine);
      } finally {
        closeSync(fd);
      }
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST" || attempt === 3) throw e;
    }
    const h = readHolder(path);
    if (h && h.pid !== process.pid && holds(h)) throw new UsageError(`another oxa run (pid ${h.pid}) is using ${runDir}; wait for it or stop it`);
    rmSync(path, { force: true }); // stale, or this process's own: take it over
  }
  return () => {
    // a lock taken over by another run after this one was presumed dead stays theirs
    try {
      if (readFileSync(path, "utf8") === mine) rmSync(path, { force: true });
    } catch {
      /* already gone */
    }
  };
}
