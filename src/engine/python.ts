// Where the engine's Python lives: $OXA_PYTHON, else the venv that scripts/setup.sh makes.
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { UsageError } from "../io/errors.ts";

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const ENGINE_DIR = join(REPO_ROOT, "engine");
export const JOB_SCHEMA_PATH = join(ENGINE_DIR, "oxa_engine", "job_schema.json");

export function enginePython(): string {
  const p = process.env.OXA_PYTHON ?? join(ENGINE_DIR, ".venv", "bin", "python");
  if (!existsSync(p)) throw new UsageError(`the engine's Python was not found at ${p}: run "bash scripts/setup.sh" (or set OXA_PYTHON)`);
  return p;
}

/** `accelerate` from the same venv, for multi-process jobs. */
export function engineAccelerate(): string {
  return join(dirname(enginePython()), "accelerate");
}
