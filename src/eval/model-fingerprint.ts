// What identifies a model for the sample cache without reading gigabytes of weights: its
// absolute path and the name, size and modification time of every file in its directory.
// Retraining into the same directory changes sizes or times, so stale samples are never reused.
import { readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { createHash } from "node:crypto";
import { InputError } from "../io/errors.ts";

export function modelFingerprint(dir: string): string {
  const abs = resolve(dir);
  let names: string[];
  try {
    if (!statSync(abs).isDirectory()) throw new Error("not a directory");
    names = readdirSync(abs).sort();
  } catch (e) {
    throw new InputError(`model directory cannot be read (${(e as Error).message})`, { file: dir });
  }
  const h = createHash("sha256").update(abs);
  for (const name of names) {
    const s = statSync(join(abs, name));
    if (s.isFile()) h.update(`\n${name}\t${s.size}\t${s.mtimeMs}`);
  }
  return h.digest("hex");
}
