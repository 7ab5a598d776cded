// Which code produced a stage's outputs: the package version, `git describe` when the sources
// are a git checkout, and a hash of the TypeScript sources and the Python engine.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { hashFile, listFiles } from "../common/content-hash.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface CodeVersion {
  package: string;
  git: string | null;
  src: string;
}

function gitDescribe(): string | null {
  try {
    return execFileSync("git", ["describe", "--always", "--dirty"], { cwd: ROOT, stdio: ["ignore", "pipe", "ignore"] }).toString().trim() || null;
  } catch {
    return null;
  }
}

export async function codeVersion(): Promise<CodeVersion> {
  const h = createHash("sha256");
  for (const dir of ["src", "engine/oxa_engine"]) {
    const abs = join(ROOT, dir);
    if (!existsSync(abs)) continue;
    for (const rel of listFiles(abs, (r) => r.includes("__pycache__"))) h.update(`${dir}/${rel}\0${await hashFile(join(abs, rel))}\n`);
  }
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
  return { package: pkg.version, git: gitDescribe(), src: h.digest("hex").slice(0, 16) };
}
