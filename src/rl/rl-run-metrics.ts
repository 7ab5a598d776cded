// One RL run as the report reads it: the per-step rows of <run>/metrics.jsonl and the validation
// rows of <run>/validation.jsonl (absent when the run had no --validation), as `oxa rl` wrote them.
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { readEngineRecords } from "../engine/engine-output.ts";
import { rlMetricsRow, rlValidationRow, type RlMetricsRow, type RlValidationRow } from "../engine/jobs/rl.ts";
import { InputError } from "../io/errors.ts";

export interface RlRunMetrics {
  name: string;
  dir: string;
  steps: RlMetricsRow[];
  validation: RlValidationRow[];
}

export async function readRlRunMetrics(name: string, dir: string): Promise<RlRunMetrics> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new InputError("not a directory (give the --out of an `oxa rl` run)", { file: dir });
  const metrics = join(dir, "metrics.jsonl");
  if (!existsSync(metrics)) throw new InputError("no metrics.jsonl here: not an `oxa rl` run directory, or no step has finished yet", { file: dir });
  const steps: RlMetricsRow[] = [];
  for await (const r of readEngineRecords(rlMetricsRow, metrics, "rl")) steps.push(r);
  const validation: RlValidationRow[] = [];
  const vpath = join(dir, "validation.jsonl");
  if (existsSync(vpath)) for await (const r of readEngineRecords(rlValidationRow, vpath, "rl")) validation.push(r);
  return { name, dir, steps, validation };
}
