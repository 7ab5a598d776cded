// Paths as outputs record them: relative to the folder that holds the record, so a run moved or
// re-made in another directory writes the same bytes (docs/reproducibility.md, "Paths").
import { relative, resolve } from "node:path";

/** `path` as seen from `dir` ("." for the folder itself). */
export function pathFrom(dir: string, path: string): string {
  return relative(resolve(dir), resolve(path)) || ".";
}
