// Turns a stage's `with` block into the validated config of its command: keys normalised to the
// command's camelCase names (unknown keys are errors, not silently dropped), references
// substituted, then the command's own zod schema applied. Errors name the file, line and key.
import { join } from "node:path";
import type { z } from "zod";
import type { Command } from "../command/command.ts";
import { camel, kebab } from "../common/casing.ts";
import { InputError } from "../io/errors.ts";
import { pick, substitute, type Ref } from "./references.ts";
import { where, type Pipeline, type Stage } from "./pipeline-file.ts";

/** What references can see while a stage is prepared. */
export interface StageEnv {
  runDir: string;
  vars: Record<string, unknown>;
  /** Results of earlier stages that have one (ran, cached or kept from an earlier run). */
  results: ReadonlyMap<string, unknown>;
}

/** Marks a value that only exists once an earlier stage has run (used by the up-front check). */
const PENDING = Symbol("pending");

export const stageOutDir = (runDir: string, stage: string) => join(runDir, stage, "out");

function fail(p: Pipeline, stage: Stage, problems: { path: (string | number)[]; message: string }[]): never {
  const lines = problems.map((x) => `  ${where(p, ["stages", stage.name, ...x.path])}: ${x.message}`);
  throw new InputError(`stage "${stage.name}" (uses: ${stage.uses}):\n${lines.join("\n")}`, { file: p.file });
}

type Block = "with" | "on-resume";

/** A block's keys mapped to the command's schema keys; unknown keys are reported with a guess. */
function normaliseKeys(p: Pipeline, stage: Stage, cmd: Command, block: Block): Map<string, string> {
  const known = Object.keys(cmd.schema.shape);
  const keys = new Map<string, string>();
  const problems: { path: string[]; message: string }[] = [];
  for (const raw of Object.keys(stage[block === "with" ? "with" : "onResume"])) {
    const key = camel(raw);
    if (known.includes(key)) keys.set(raw, key);
    else {
      const near = known.find((k) => kebab(k).startsWith(kebab(key).slice(0, 3)));
      problems.push({ path: [block, raw], message: `"${cmd.name}" has no option "${raw}"${near ? ` (did you mean "${kebab(near)}"?)` : ""}; see oxa ${cmd.name} --help` });
    }
  }
  if (problems.length) fail(p, stage, problems);
  return keys;
}

function lookup(p: Pipeline, stage: Stage, env: StageEnv, runDir: string, pending: boolean, where: string[]) {
  const order = p.stages.map((s) => s.name);
  const before = order.slice(0, order.indexOf(stage.name));
  return (ref: Ref): unknown => {
    const bad = (message: string) => fail(p, stage, [{ path: where, message }]);
    if (ref.kind === "run") return runDir;
    if (ref.kind === "out") return stageOutDir(runDir, stage.name);
    if (ref.kind === "stage") return stage.name;
    if (ref.kind === "var") {
      if (!(ref.name in env.vars)) bad(`no variable "${ref.name}" (declare it under vars:)`);
      return env.vars[ref.name];
    }
    if (!before.includes(ref.stage)) bad(order.includes(ref.stage) ? `stage "${ref.stage}" comes later; a stage can only use earlier ones` : `there is no stage "${ref.stage}"`);
    if (!env.results.has(ref.stage) && !pending) bad(`stage "${ref.stage}" has not finished yet (run it first)`);
    if (ref.kind === "stageOut") return stageOutDir(runDir, ref.stage);
    if (!env.results.has(ref.stage)) return PENDING;
    const v = pick(env.results.get(ref.stage), ref.path);
    if (v === undefined) bad(`stage "${ref.stage}" has no result field "${ref.path.join(".")}"`);
    return v;
  };
}

const hasPending = (v: unknown): boolean => v === PENDING || (v !== null && typeof v === "object" && Object.values(v).some(hasPending));

export interface StageConfig {
  /** The validated config the command runs with. */
  config: Record<string, unknown>;
  /** The config for resuming an unfinished attempt: `with` plus `on-resume` (not part of the key). */
  resumeConfig: Record<string, unknown>;
  /** The parameters with the run directory written as "<run>", defaults filled: the cache key's view. */
  portable: Record<string, unknown>;
}

/**
 * Resolves and validates a stage. With `pending` (the check before anything runs), results of
 * earlier stages need not exist yet, and options that use them are checked once they do.
 */
export function stageConfig(p: Pipeline, stage: Stage, cmd: Command, env: StageEnv, pending = false): StageConfig {
  const blocks = (["with", "on-resume"] as const).map((b) => ({ block: b, keys: normaliseKeys(p, stage, cmd, b), values: b === "with" ? stage.with : stage.onResume }));
  const resolve = (runDir: string, upTo: number) => {
    const out: Record<string, unknown> = {};
    const origin = new Map<string, string[]>(); // schema key -> where it was written, for errors
    for (const { block, keys, values } of blocks.slice(0, upTo)) {
      for (const [raw, key] of keys) {
        const where = [block, raw];
        try {
          out[key] = substitute(values[raw], lookup(p, stage, env, runDir, pending, where));
        } catch (e) {
          if (e instanceof InputError) throw e;
          fail(p, stage, [{ path: where, message: (e as Error).message }]);
        }
        origin.set(key, where);
      }
    }
    return { out, origin };
  };
  const validate = (upTo: number): Record<string, unknown> => {
    const { out, origin } = resolve(env.runDir, upTo);
    const later = new Set(Object.keys(out).filter((k) => hasPending(out[k])));
    const r = (cmd.schema as z.ZodObject).safeParse(out);
    if (r.success) return r.data as Record<string, unknown>;
    const problems = r.error.issues
      .filter((iss) => !later.has(String(iss.path[0])))
      .map((iss) => {
        const key = String(iss.path[0] ?? "");
        return { path: [...(origin.get(key) ?? ["with", ...(key ? [kebab(key)] : [])]), ...iss.path.slice(1).map(String)], message: iss.message };
      });
    if (problems.length) fail(p, stage, problems);
    return {}; // only reached while pending
  };
  const config = validate(1);
  const resumeConfig = validate(2);
  if (pending) return { config, resumeConfig, portable: {} };
  const raw = resolve("<run>", 1).out;
  const portable = (cmd.schema as z.ZodObject).safeParse(raw);
  return { config, resumeConfig, portable: (portable.success ? portable.data : raw) as Record<string, unknown> };
}
