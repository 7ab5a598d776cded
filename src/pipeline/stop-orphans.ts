// Processes left behind by a killed run. SIGKILL of `oxa run` does not reach the engine jobs it
// spawned: they keep running, re-parented, and keep writing into the stage's directory. Before a
// stage directory is reused, engine processes (`-m oxa_engine`, also under accelerate) whose
// command line names a path inside it are stopped; the run lock guarantees that no live `oxa run`
// owns them. Nothing else is touched. Linux only (/proc); elsewhere a no-op.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { relative, resolve } from "node:path";

/** Pids of engine processes with an argument naming a path inside `dir`. */
export function processesUsing(dir: string): number[] {
  if (!existsSync("/proc")) return [];
  const abs = resolve(dir);
  const inside = (arg: string) => {
    const rel = relative(abs, resolve(arg));
    return arg.includes("/") && (rel === "" || (!rel.startsWith("..") && !rel.startsWith("/")));
  };
  const pids: number[] = [];
  for (const name of readdirSync("/proc")) {
    const pid = Number(name);
    if (!Number.isInteger(pid) || pid === process.pid) continue;
    let args: string[];
    try {
      args = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter(Boolean);
    } catch {
      continue; // gone, or not ours to read
    }
    if (args.includes("oxa_engine") && args.slice(1).some(inside)) pids.push(pid);
  }
  return pids;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** SIGTERM to each, then SIGKILL to what is still there after `graceMs`. Returns the pids stopped. */
export async function stopOrphans(dir: string, log: (m: string) => void, graceMs = 5000): Promise<number[]> {
  const pids = processesUsing(dir);
  if (pids.length === 0) return [];
  log(`stopping processes left by an interrupted run that still write into ${dir}: ${pids.join(", ")}`);
  const signal = (pid: number, sig: NodeJS.Signals) => {
    try {
      process.kill(pid, sig);
    } catch {
      // already gone
    }
  };
  for (const pid of pids) signal(pid, "SIGTERM");
  for (const t0 = Date.now(); pids.some(alive) && Date.now() - t0 < graceMs; ) await new Promise((r) => setTimeout(r, 50));
  for (const pid of pids.filter(alive)) signal(pid, "SIGKILL");
  return pids;
}
