// Whether a process still exists, and when it started: what lets a file named after a pid (a
// temporary output, a run lock) be recognised as left behind by a process that is gone.

import { readFileSync } from "node:fs";

/** Whether `pid` names a live process (one of another user's counts: signalling it is refused, not failed). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * The start time of a process (clock ticks since boot, /proc/<pid>/stat field 22), or null where
 * /proc is missing (not Linux) or the process is gone. A pid is reused after its process dies; the
 * pair (pid, start time) is not.
 */
export function processStartTime(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // the command name (field 2) may hold spaces and parentheses: count fields after the last ')'
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  } catch {
    return null;
  }
}
