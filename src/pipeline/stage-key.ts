// A stage's cache key: its command, its parameters (with the run directory written as "<run>",
// so a moved run directory keeps its cache) and the content hash of every input it names. Any
// string parameter that names an existing file or directory (or is LABEL=PATH with such a PATH)
// outside the stage's own directory is an input; a directory's hash covers all its files.
import { existsSync } from "node:fs";
import { createHash } from "node:crypto";
import { relative, resolve } from "node:path";
import { hashPath } from "../common/content-hash.ts";

/** JSON with object keys sorted, so the order of keys in a file never changes a key. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(",")}]`;
  if (v && typeof v === "object") {
    return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`).join(",")}}`;
  }
  return JSON.stringify(v) ?? "null";
}

const inside = (child: string, parent: string) => {
  const rel = relative(parent, child);
  return rel === "" || (!rel.startsWith("..") && !rel.startsWith("/"));
};

/** Pairs of (real path, portable path) for every string in `config` that names an input. */
export function inputPaths(config: unknown, portable: unknown, stageDir: string, runDir: string): [string, string][] {
  if (typeof config === "string") {
    // "LABEL=PATH" (as in --model sft=runs/x/model) names PATH.
    const eq = config.indexOf("=");
    const [path, port] = !existsSync(config) && eq > 0 ? [config.slice(eq + 1), String(portable).slice(String(portable).indexOf("=") + 1)] : [config, String(portable ?? config)];
    if (path === "" || !existsSync(path)) return [];
    const abs = resolve(path);
    if (inside(abs, resolve(stageDir)) || inside(resolve(runDir), abs)) return [];
    return [[path, port]];
  }
  if (config && typeof config === "object") {
    const p = (portable ?? {}) as Record<string, unknown>;
    return Object.entries(config).flatMap(([k, v]) => inputPaths(v, p[k], stageDir, runDir));
  }
  return [];
}

export async function stageKey(
  uses: string,
  params: Record<string, unknown>,
  inputs: [string, string][],
  fileHash: (p: string) => Promise<string>,
): Promise<{ key: string; hashes: Record<string, string> }> {
  const hashes: Record<string, string> = {};
  for (const [real, portable] of inputs) hashes[portable] = await hashPath(real, fileHash);
  const key = createHash("sha256").update(canonicalJson({ uses, params, inputs: hashes })).digest("hex");
  return { key, hashes };
}
