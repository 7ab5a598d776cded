// How a failure reaches a person: one line on stderr, never a stack trace. Errors we raise on
// purpose (UsageError, InputError, EngineError) already say what and where; a file-system error
// is turned into a sentence naming the path; anything else is a bug, so its stack goes to a log
// file whose path the line gives (OXA_DEBUG=1 also prints it).
import { appendFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EngineError, InputError, StageError, UsageError } from "../io/errors.ts";

const SYSTEM: Record<string, string> = {
  ENOSPC: "no space left on the device",
  EDQUOT: "disk quota exceeded",
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "the file system is read-only",
  EISDIR: "it is a directory",
  ENOTDIR: "a part of the path is a file, not a directory",
  EEXIST: "it already exists",
  ENOENT: "no such file or directory",
  EMFILE: "too many open files",
};

interface SystemError extends Error {
  code?: string;
  path?: string;
  syscall?: string;
}

/** The exit code: 2 for bad options or input found before work, 1 for a failure while working. */
export function exitCodeOf(e: unknown): number {
  return e instanceof UsageError || e instanceof InputError ? 2 : 1;
}

/** Where unexpected errors' stacks go: $OXA_LOG_DIR, else <tmp>/oxa-logs. */
export function crashLogDir(): string {
  return process.env.OXA_LOG_DIR || join(tmpdir(), "oxa-logs");
}

function writeCrashLog(command: string, e: unknown): string | null {
  try {
    const dir = crashLogDir();
    mkdirSync(dir, { recursive: true });
    const path = join(dir, `crash-${new Date().toISOString().replace(/[:.]/g, "-")}-${process.pid}.log`);
    const err = e instanceof Error ? e : new Error(String(e));
    appendFileSync(path, `oxa ${command} (node ${process.version}, argv ${JSON.stringify(process.argv.slice(2))})\n${err.stack ?? err.message}\n`);
    return path;
  } catch {
    return null; // the disk may be what failed; the one-line message still goes out
  }
}

/** The one line a person reads for an error. */
export function describeFailure(command: string, e: unknown): string {
  const prefix = `oxa ${command}: `;
  if (e instanceof UsageError || e instanceof InputError || e instanceof EngineError || e instanceof StageError) return prefix + e.message;
  const s = e as SystemError;
  if (s && typeof s.code === "string" && SYSTEM[s.code]) {
    const what = s.syscall && /write|open|mkdir|rename|copy|link/.test(s.syscall) ? "cannot write" : "cannot use";
    return `${prefix}${what} ${s.path ?? "a file"}: ${SYSTEM[s.code]}`;
  }
  const log = writeCrashLog(command, e);
  const message = e instanceof Error ? e.message.split("\n")[0] : String(e);
  return `${prefix}unexpected error: ${message}${log ? ` (details: ${log})` : ""}`;
}
