// Before a resumed `oxa dpo` touches anything: train's resume rules (src/train/resume-check.ts,
// commitRunFiles) over DPO's files — dpo-schedule.json and dpo.spec.json in the run directory.
// Changed pairs or a changed pair schedule can never be resumed; changed optimisation options are
// refused unless --resume-with-changes, and then listed.
import type { ResumeChanges, ResumeFiles } from "../train/index.ts";

export type { ResumeChanges };

export const DPO_RESUME_FILES: ResumeFiles = { schedule: "dpo-schedule.json", spec: "dpo.spec.json", dataKey: "pairs_sha256", data: "the pairs", batches: "the pair schedule" };
