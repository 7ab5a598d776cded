// Content hashes of files and directory trees, streamed in constant memory (model checkpoints and
// datasets can be gigabytes). A directory's hash covers its files' relative paths and contents.
import { createHash } from "node:crypto";
import { createReadStream, readdirSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";

export async function hashFile(path: string): Promise<string> {
  const h = createHash("sha256");
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) h.update(chunk as Buffer);
  return h.digest("hex");
}

/** Regular files under `dir`, as sorted paths relative to it with "/" separators. */
export function listFiles(dir: string, skip: (rel: string) => boolean = () => false): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const rel = relative(dir, p).split(sep).join("/");
      if (skip(rel)) continue;
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (st.isFile()) out.push(rel);
    }
  };
  walk(dir);
  return out.sort();
}

/**
 * sha256 of a file, or of a directory as "relpath\0filehash\n" lines in sorted order. `fileHash`
 * lets a caller put a cache in front of the per-file hashing.
 */
export async function hashPath(path: string, fileHash: (p: string) => Promise<string> = hashFile): Promise<string> {
  if (!statSync(path).isDirectory()) return fileHash(path);
  const h = createHash("sha256");
  for (const rel of listFiles(path)) h.update(`${rel}\0${await fileHash(join(path, rel))}\n`);
  return h.digest("hex");
}
