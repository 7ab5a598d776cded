// Where the difficulty buckets' base pass counts come from (--buckets-from), resolved before any
// generation so a typo fails fast: a model label of this run ("base"), or a details.jsonl of an
// earlier run, optionally prefixed with the benchmark it belongs to ("aime24=runs/x/base/aime24/
// details.jsonl"); an unprefixed file is allowed only when a single benchmark is evaluated.
import { existsSync } from "node:fs";
import { UsageError, InputError } from "../io/errors.ts";
import { readDetails, type ProblemDetail } from "./problem-detail.ts";
import type { Benchmark } from "./benchmark.ts";

export type BucketBase = { kind: "model"; label: string } | { kind: "files"; name: string; byBench: Map<string, ProblemDetail[]> };

export async function resolveBucketBase(specs: readonly string[], modelLabels: readonly string[], benches: readonly Benchmark[]): Promise<BucketBase | null> {
  if (specs.length === 0) return null;
  if (specs.length === 1 && modelLabels.includes(specs[0])) return { kind: "model", label: specs[0] };
  const byBench = new Map<string, ProblemDetail[]>();
  for (const spec of specs) {
    const eq = spec.indexOf("=");
    const named = eq > 0 && benches.some((b) => b.name === spec.slice(0, eq));
    const bench = named ? benches.find((b) => b.name === spec.slice(0, eq))! : benches.length === 1 ? benches[0] : null;
    const path = named ? spec.slice(eq + 1) : spec;
    if (!bench) throw new UsageError(`--buckets-from ${spec}: with several benchmarks, name the benchmark (<bench>=<details.jsonl>) or give a model label (${modelLabels.join(", ")})`);
    if (!existsSync(path)) throw new UsageError(`--buckets-from ${spec}: neither a model label of this run (${modelLabels.join(", ")}) nor an existing details file`);
    const details = await readDetails(path);
    const ids = new Set(bench.problems.map((p) => p.id));
    if (!details.some((d) => ids.has(d.id))) throw new InputError(`no problem id matches benchmark "${bench.name}"`, { file: path, field: "id" });
    byBench.set(bench.name, details);
  }
  return { kind: "files", name: "base", byBench };
}
