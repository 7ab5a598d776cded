// Before a resumed run touches anything: compare what the interrupted run recorded (its schedule and
// spec files in the run directory — train's schedule.json and train.spec.json, dpo's
// dpo-schedule.json and dpo.spec.json) with what this run would use. Changed data or a changed
// batch schedule can never be resumed — the checkpoint's steps were taken on other batches.
// Changed optimisation options are refused unless --resume-with-changes, and then listed so the
// run records what it actually used.
import { existsSync, readFileSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { writeJsonAtomic } from "../io/atomic.ts";
import { UsageError } from "../io/errors.ts";

/** Where a job records its schedule and spec, and what its data is called in messages. */
export interface ResumeFiles {
  schedule: string;
  spec: string;
  /** The schedule's field holding the data's sha256. */
  dataKey: string;
  data: string;
  batches: string;
}

/** `oxa train`'s files. */
export const TRAIN_RESUME_FILES: ResumeFiles = { schedule: "schedule.json", spec: "train.spec.json", dataKey: "records_sha256", data: "the training data", batches: "the batch schedule" };

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

/** Throws a UsageError for changes that cannot (or may not) be resumed; returns the accepted ones. */
export function checkResume(out: string, schedule: { batches: unknown }, spec: Record<string, unknown>, allowChanges: boolean, files: ResumeFiles = TRAIN_RESUME_FILES): ResumeChanges {
  const oldSchedule = readJson(join(out, files.schedule));
  if (oldSchedule) {
    if (oldSchedule[files.dataKey] !== undefined && oldSchedule[files.dataKey] !== (schedule as Record<string, unknown>)[files.dataKey]) {
      throw new UsageError(`--resume: ${files.data} differs from the interrupted run's in ${out}; start a fresh run (without --resume) or use another --out`);
    }
    const changed = Object.keys(schedule).filter((k) => k !== "batches" && !same(oldSchedule[k], (schedule as Record<string, unknown>)[k]));
    if (changed.length || !same(oldSchedule.batches, schedule.batches)) {
      const list = changed.map((k) => `${k} ${JSON.stringify(oldSchedule[k])} -> ${JSON.stringify((schedule as Record<string, unknown>)[k])}`).join(", ");
      throw new UsageError(`--resume: ${files.batches} differs from the interrupted run's${list ? ` (${list})` : ""}; its checkpoints cannot be continued — start a fresh run or use another --out`);
    }
  }
  const oldSpec = readJson(join(out, files.spec));
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

export interface CommitRun {
  out: string;
  schedule: { batches: unknown };
  schedulePath: string;
  spec: Record<string, unknown>;
  resume: boolean;
  allowChanges: boolean;
  files?: ResumeFiles;
  /** The run's data, staged beside its final name until the resume check has passed. */
  staged: { next: string; final: string };
  log: (m: string) => void;
}

/**
 * The moment a run's files become the run's: the resume check (if resuming) against what the
 * interrupted run left, and only then the staged data moved into place and the schedule written —
 * a refused resume leaves the old run's files as they were. Returns the accepted changes.
 */
export function commitRunFiles(o: CommitRun): ResumeChanges {
  let changes: ResumeChanges = {};
  try {
    if (o.resume) changes = checkResume(o.out, o.schedule, { ...o.spec }, o.allowChanges, o.files);
  } catch (e) {
    rmSync(o.staged.next, { force: true });
    throw e;
  }
  for (const [k, [was, now]] of Object.entries(changes)) o.log(`--resume-with-changes: ${k} was ${JSON.stringify(was)}, now ${JSON.stringify(now)}`);
  renameSync(o.staged.next, o.staged.final);
  writeJsonAtomic(o.schedulePath, o.schedule);
  return changes;
}

/** How the engine job is launched: one process, or accelerate with the user's config or --multi_gpu. */
export function launchOptions(c: { processes: number; accelerateConfig?: string | null }) {
  return {
    processes: c.processes,
    launchArgs: c.processes > 1 ? (c.accelerateConfig ? ["--config_file", c.accelerateConfig] : ["--multi_gpu"]) : [],
    env: { OMP_NUM_THREADS: process.env.OMP_NUM_THREADS ?? "1" },
  };
}
