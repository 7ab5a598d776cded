// A stage's manifest: written atomically as the last act of a finished stage, so its presence is
// what "done" means. A stage that was started but has no manifest is re-run; `started.json` keeps
// the key of the attempt so a re-run with the same key resumes in place (engine jobs skip the
// records they already wrote) while a re-run with another key starts from an empty directory.
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";

export const manifestSchema = z.object({
  version: z.literal(1),
  stage: z.string(),
  uses: z.string(),
  /** sha256 of the command, its parameters (run directory as "<run>") and its inputs' contents. */
  key: z.string(),
  params: z.record(z.string(), z.unknown()),
  /** Input path (as in params) -> sha256 of its content. */
  inputs: z.record(z.string(), z.string()),
  /** Files under the stage's out/ directory. */
  outputs: z.array(z.object({ path: z.string(), bytes: z.number(), sha256: z.string() })),
  result: z.unknown(),
  code: z.object({ package: z.string(), git: z.string().nullable(), src: z.string() }),
  startedAt: z.string(),
  finishedAt: z.string(),
  seconds: z.number(),
});
export type Manifest = z.infer<typeof manifestSchema>;

export const startedSchema = z.object({ key: z.string(), pid: z.number(), startedAt: z.string() });

export const manifestPath = (runDir: string, stage: string) => join(runDir, stage, "manifest.json");
export const startedPath = (runDir: string, stage: string) => join(runDir, stage, "started.json");

/** A JSON file checked against a schema; null when it is missing or not what the schema says. */
export function readJsonAs<T>(path: string, schema: z.ZodType<T>): T | null {
  if (!existsSync(path)) return null;
  try {
    const r = schema.safeParse(JSON.parse(readFileSync(path, "utf8")));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

/** True when every output the manifest lists is still there with its recorded size. */
export function outputsIntact(m: Manifest, outDir: string): boolean {
  return m.outputs.every((o) => {
    const p = join(outDir, o.path);
    return existsSync(p) && statSync(p).size === o.bytes;
  });
}
