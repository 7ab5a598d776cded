// Which earlier stages each stage waits for when stages run concurrently (`oxa run --jobs N`): the
// stages it names (${stages.NAME.out}, ${stages.NAME.result.FIELD}), anywhere in its `with` and
// `on-resume` blocks. A stage that writes ${run} may reach any other stage's files by path, which
// no reference declares, so it waits for every stage before it (and in file order, as one job would).
import type { Pipeline } from "./pipeline-file.ts";
import { refsIn } from "./references.ts";

/** For each stage (by index), the indices of the earlier stages that must finish first. */
export function stageDependencies(p: Pipeline): number[][] {
  const index = new Map(p.stages.map((s, i) => [s.name, i]));
  return p.stages.map((s, i) => {
    const refs = refsIn([s.with, s.onResume]);
    if (refs.some((r) => r.kind === "run")) return Array.from({ length: i }, (_, j) => j);
    const deps = new Set<number>();
    for (const r of refs) {
      if (r.kind !== "stageOut" && r.kind !== "stageResult") continue;
      const j = index.get(r.stage);
      if (j !== undefined && j < i) deps.add(j); // later or unknown names were rejected by the up-front check
    }
    return [...deps].sort((a, b) => a - b);
  });
}
