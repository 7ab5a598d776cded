// Before a resumed `oxa dpo` touches anything: train's resume rules (src/train/resume-check.ts) over
// DPO's files — dpo-schedule.json and dpo.spec.json in the run directory. Changed pairs or a changed
// pair schedule can never be resumed; changed optimisation options are refused unless
// --resume-with-changes, and then listed.
import { checkResume, type ResumeChanges, type ResumeFiles } from "../train/index.ts";
import type { DpoScheduleFile } from "../engine/jobs/dpo.ts";

export type { ResumeChanges };

const DPO_RESUME_FILES: ResumeFiles = { schedule: "dpo-schedule.json", spec: "dpo.spec.json", dataKey: "pairs_sha256", data: "the pairs", batches: "the pair schedule" };

export function checkDpoResume(out: string, schedule: DpoScheduleFile, spec: Record<string, unknown>, allowChanges: boolean): ResumeChanges {
  return checkResume(out, schedule, spec, allowChanges, DPO_RESUME_FILES);
}
