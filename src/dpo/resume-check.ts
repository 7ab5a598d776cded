// Before a resumed `oxa dpo` touches anything: the rules of train's resume check
// (src/train/resume-check.ts) for DPO's files — dpo-schedule.json and dpo.spec.json in the run
// directory. Changed pairs or a changed pair schedule can never be resumed; changed optimisation
// options are refused unless --resume-with-changes, and then listed.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { UsageError } from "../io/errors.ts";
import type { DpoScheduleFile } from "../engine/jobs/dpo.ts";

/** Spec fields that change where the run stops or what it keeps, not the training itself. */
const HARMLESS = new Set(["protocol", "job", "resume", "stop_after", "save_every", "save_each_epoch", "keep_checkpoints"]);

export interface ResumeChanges {
  /** field -> [the interrupted run's value, this run's value] */
  [field: string]: [unknown, unknown];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function readJson(path: string): Record<string, unknown> | null {
  if (!existsSync(path)) return null;
  try {
    return JSON.parse(readFileSync(path, "utf8")) as Record<string, unknown>;
  } catch {
    return null; // a half-written record of an interrupted run: nothing to compare against
  }
}

export function checkDpoResume(out: string, schedule: DpoScheduleFile, spec: Record<string, unknown>, allowChanges: boolean): ResumeChanges {
  const old = readJson(join(out, "dpo-schedule.json"));
  if (old) {
    if (old.pairs_sha256 !== schedule.pairs_sha256) {
      throw new UsageError(`--resume: the pairs differ from the interrupted run's in ${out}; start a fresh run (without --resume) or use another --out`);
    }
    const changed = Object.keys(schedule).filter((k) => k !== "batches" && !same(old[k], (schedule as Record<string, unknown>)[k]));
    if (changed.length || !same(old.batches, schedule.batches)) {
      const list = changed.map((k) => `${k} ${JSON.stringify(old[k])} -> ${JSON.stringify((schedule as Record<string, unknown>)[k])}`).join(", ");
      throw new UsageError(`--resume: the pair schedule differs from the interrupted run's${list ? ` (${list})` : ""}; its checkpoints cannot be continued — start a fresh run or use another --out`);
    }
  }
  const oldSpec = readJson(join(out, "dpo.spec.json"));
  if (!oldSpec) return {};
  const changes: ResumeChanges = {};
  for (const k of new Set([...Object.keys(oldSpec), ...Object.keys(spec)])) {
    if (!HARMLESS.has(k) && !same(oldSpec[k], spec[k])) changes[k] = [oldSpec[k], spec[k]];
  }
  const names = Object.entries(changes).map(([k, [a, b]]) => `${k} ${JSON.stringify(a)} -> ${JSON.stringify(b)}`);
  if (names.length && !allowChanges) {
    throw new UsageError(`--resume: options differ from the interrupted run's (${names.join(", ")}); pass the same options, or --resume-with-changes to continue with the new ones`);
  }
  return changes;
}
