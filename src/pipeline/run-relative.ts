// Paths in a manifest's recorded result are written relative to the run directory ("<run>/…", as
// params are), so the same pipeline run in two directories writes the same manifests apart from
// their timings; they are expanded back when a later run reads the result (`${stages.X.result.F}`).
import { resolve, sep } from "node:path";

const TOKEN = "<run>";

function mapStrings(v: unknown, f: (s: string) => string): unknown {
  if (typeof v === "string") return f(v);
  if (Array.isArray(v)) return v.map((x) => mapStrings(x, f));
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, mapStrings(x, f)]));
  return v;
}

/** Every string that is the run directory or a path under it, absolute or as given, becomes "<run>[/…]". */
export function toRunRelative(v: unknown, runDir: string): unknown {
  const roots = [...new Set([resolve(runDir), runDir.replace(/\/+$/, "")])].filter((r) => r.length > 0);
  return mapStrings(v, (s) => {
    for (const r of roots) {
      if (s === r) return TOKEN;
      if (s.startsWith(r + sep)) return TOKEN + "/" + s.slice(r.length + 1);
    }
    return s;
  });
}

/** The inverse: "<run>[/…]" back to a path under the absolute run directory. */
export function fromRunRelative(v: unknown, runDir: string): unknown {
  const root = resolve(runDir);
  return mapStrings(v, (s) => (s === TOKEN ? root : s.startsWith(TOKEN + "/") ? root + sep + s.slice(TOKEN.length + 1) : s));
}
