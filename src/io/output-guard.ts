// The one check every command's files pass before any work starts: no output may be an input or
// another output of the same run (that would destroy data), an output file may not be an existing
// directory nor an output directory an existing file, and the folder an output goes into must be
// creatable and writable. Parents are created here. Each refusal is a UsageError (exit 2) naming
// the options involved, so nothing is read, written or spawned first.
import { accessSync, constants, existsSync, mkdirSync, realpathSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { UsageError } from "./errors.ts";
import { isDatasetDir } from "./arrow-dataset.ts";

export interface FileRole {
  /** The option that names the path, as a person types it (e.g. "--out", "--ce"). */
  option: string;
  path: string;
  /** A file (default) or a directory (a model, an output folder the command fills). */
  kind?: "file" | "dir";
}

export type OutputRole = FileRole;

export interface CommandFiles {
  inputs: FileRole[];
  outputs: OutputRole[];
}

/** The path as the file system will resolve it: symlinks of the existing part followed. */
function canonical(path: string): string {
  let head = resolve(path);
  const tail: string[] = [];
  while (!existsSync(head)) {
    const up = dirname(head);
    if (up === head) break;
    tail.unshift(head.slice(up.length + (up.endsWith("/") ? 0 : 1)));
    head = up;
  }
  try {
    head = realpathSync(head);
  } catch {
    // an unreadable ancestor: keep the resolved path; the writability check below names it
  }
  return [head, ...tail].join("/").replace(/\/+/g, "/");
}

/** The nearest existing ancestor of a path that does not exist yet. */
function existingAncestor(path: string): string {
  let p = resolve(path);
  while (!existsSync(p)) p = dirname(p);
  return p;
}

function checkPlace(o: OutputRole): void {
  const abs = resolve(o.path);
  if (existsSync(abs)) {
    const isDir = statSync(abs).isDirectory();
    if (o.kind === "dir" && !isDir) throw new UsageError(`${o.option} ${o.path} is an existing file, not a directory`);
    if (o.kind !== "dir" && isDir) throw new UsageError(`${o.option} ${o.path} is an existing directory; name a file`);
  }
  const parent = o.kind === "dir" ? abs : dirname(abs);
  const base = existingAncestor(parent);
  if (!statSync(base).isDirectory()) throw new UsageError(`${o.option} ${o.path}: ${base} is a file, so nothing can be written under it`);
  if (!isWritable(base)) throw new UsageError(`${o.option} ${o.path}: ${base} is not writable (permission denied)`);
}

function isWritable(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK | constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function checkInput(i: FileRole): void {
  if (!existsSync(i.path)) throw new UsageError(`${i.option} ${i.path}: no such ${i.kind === "dir" ? "directory" : "file"}`);
  const isDir = statSync(i.path).isDirectory();
  if (i.kind === "dir" && !isDir) throw new UsageError(`${i.option} ${i.path} is a file; a directory is needed`);
  if (i.kind !== "dir" && isDir && !isDatasetDir(i.path)) throw new UsageError(`${i.option} ${i.path} is a directory; name a file (or a \`datasets\` save_to_disk folder)`);
}

/**
 * Checks inputs exist (as files or directories, as declared), refuses outputs that collide with an
 * input or with each other, checks the places outputs go, and creates their parents.
 */
export function guardOutputs(files: CommandFiles): void {
  for (const i of files.inputs) if (i.path) checkInput(i);
  const inputs = files.inputs.filter((f) => f.path).map((f) => ({ ...f, at: canonical(f.path) }));
  const outputs = files.outputs.filter((f) => f.path).map((f) => ({ ...f, at: canonical(f.path) }));
  for (const [i, o] of outputs.entries()) {
    const input = inputs.find((x) => x.at === o.at);
    if (input) throw new UsageError(`${o.option} ${o.path} is the input ${input.option} ${input.path}: writing it would destroy the input; choose another output path`);
    const other = outputs.slice(0, i).find((x) => x.at === o.at);
    if (other) throw new UsageError(`${o.option} and ${other.option} are the same file (${o.path}): each output needs its own path`);
  }
  for (const o of outputs) checkPlace(o);
  for (const o of outputs) mkdirSync(o.kind === "dir" ? resolve(o.path) : dirname(resolve(o.path)), { recursive: true });
}
