// Remembers file hashes by (path, size, modification time), so unchanged multi-gigabyte inputs
// are not re-read on every run. Stored in the run directory; a stale or broken cache is ignored.
import { statSync } from "node:fs";
import { resolve } from "node:path";
import { z } from "zod";
import { writeJsonAtomic } from "../io/atomic.ts";
import { hashFile } from "../common/content-hash.ts";
import { readJsonAs } from "./manifest.ts";

const entries = z.record(z.string(), z.object({ size: z.number(), mtimeMs: z.number(), sha256: z.string() }));

export class HashCache {
  private readonly map: z.infer<typeof entries>;

  constructor(private readonly file: string) {
    this.map = readJsonAs(file, entries) ?? {};
  }

  readonly hash = async (path: string): Promise<string> => {
    const abs = resolve(path);
    const st = statSync(abs);
    const hit = this.map[abs];
    if (hit && hit.size === st.size && hit.mtimeMs === st.mtimeMs) return hit.sha256;
    const sha256 = await hashFile(abs);
    this.map[abs] = { size: st.size, mtimeMs: st.mtimeMs, sha256 };
    return sha256;
  };

  save(): void {
    writeJsonAtomic(this.file, this.map);
  }
}
