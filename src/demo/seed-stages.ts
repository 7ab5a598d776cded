// Stage names per run seed. A seed's stages are the single-seed stages renamed `<name>-s<seed>`, and
// every reference to a renamed stage inside them follows the rename, so a seed's stages read only
// their own seed's outputs and the shared ones (world, base, scored pool). The world seed's own run
// keeps the plain names, so a one-seed demo is exactly the demo as it was, and its stages are cached
// for a later `--seeds` run in the same --out.
import type { PipelineStage } from "./typed-stage.ts";

/** The name a single-seed stage has in the run of `seed`. */
export const seedStageName = (name: string, seed: number, worldSeed: number): string => (seed === worldSeed ? name : `${name}-s${seed}`);

function rewrite(value: unknown, rename: (s: string) => string): unknown {
  if (typeof value === "string") return rename(value);
  if (Array.isArray(value)) return value.map((v) => rewrite(v, rename));
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewrite(v, rename)]));
  return value;
}

/** One seed's stages under its names, references into them renamed alike. */
export function forSeed(stages: Record<string, PipelineStage>, seed: number, worldSeed: number): Record<string, PipelineStage> {
  if (seed === worldSeed) return stages;
  const names = new Set(Object.keys(stages));
  const ref = /\$\{stages\.([a-z][a-z0-9_-]*)\./g;
  const rename = (s: string) => s.replace(ref, (m, name: string) => (names.has(name) ? `\${stages.${seedStageName(name, seed, worldSeed)}.` : m));
  return Object.fromEntries(Object.entries(stages).map(([name, s]) => [seedStageName(name, seed, worldSeed), rewrite(s, rename) as PipelineStage]));
}
