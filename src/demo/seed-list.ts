// Which run seeds a demo uses: `--seeds N` is N consecutive seeds from the world seed, `--seeds
// 0,3,7` a list. The world seed also names the first run seed, so `oxa demo` (one seed) and
// `oxa demo --seeds 3` in the same --out share that seed's stages.
import { UsageError } from "../io/errors.ts";

/** `spec` as written on the command line; undefined takes the preset's count. */
export function seedList(spec: string | undefined, worldSeed: number, presetSeeds: number): number[] {
  if (spec === undefined) return Array.from({ length: presetSeeds }, (_, i) => worldSeed + i);
  const s = spec.trim();
  if (/^\d+$/.test(s)) {
    const n = Number(s);
    if (n < 1) throw new UsageError(`--seeds ${spec}: at least one seed`);
    return Array.from({ length: n }, (_, i) => worldSeed + i);
  }
  if (!/^\d+(\s*,\s*\d+)+$/.test(s)) throw new UsageError(`--seeds ${spec}: expected a count (3) or a comma-separated list of seeds (0,1,2)`);
  const seeds = s.split(",").map((x) => Number(x.trim()));
  const dup = seeds.find((x, i) => seeds.indexOf(x) !== i);
  if (dup !== undefined) throw new UsageError(`--seeds ${spec}: seed ${dup} appears twice`);
  return seeds;
}
