// Every engine job's spec, by name. The JSON Schema the engine validates against is generated
// from this table (scripts/write-job-schema.ts) and a test keeps the committed file in step.
import { z } from "zod";
import { makeTinyModelResult, makeTinyModelSpec } from "./make-tiny-model.ts";
import { scoreResult, scoreSpec } from "./score.ts";
import { generateResult, generateSpec } from "./generate.ts";
import { trainResult, trainSpec } from "./train.ts";
import { countTokensResult, countTokensSpec } from "./count-tokens.ts";
import { tokenizeResult, tokenizeSpec } from "./tokenize.ts";
import { rlResult, rlScheduleFile, rlSpec } from "./rl.ts";
import { scheduleFile } from "../schedule-file.ts";
import { dpoReferenceResult, dpoReferenceSpec, dpoResult, dpoScheduleFile, dpoSpec } from "./dpo.ts";

export const jobSpecs = {
  "make-tiny-model": makeTinyModelSpec,
  score: scoreSpec,
  generate: generateSpec,
  train: trainSpec,
  "count-tokens": countTokensSpec,
  tokenize: tokenizeSpec,
  "dpo-reference": dpoReferenceSpec,
  dpo: dpoSpec,
  rl: rlSpec,
} as const;

/** Every job's `done` result, parsed through these at the edge (run-job.ts). */
export const jobResults = {
  "make-tiny-model": makeTinyModelResult,
  score: scoreResult,
  generate: generateResult,
  train: trainResult,
  "count-tokens": countTokensResult,
  tokenize: tokenizeResult,
  "dpo-reference": dpoReferenceResult,
  dpo: dpoResult,
  rl: rlResult,
} as const satisfies Record<keyof typeof jobSpecs, z.ZodType>;

/** Files TypeScript writes and the engine reads, validated by the engine against the same document. */
export const engineFiles = { schedule: scheduleFile, dpo_schedule: dpoScheduleFile, rl_schedule: rlScheduleFile } as const;

export type JobName = keyof typeof jobSpecs;
/** What callers pass (defaults may be omitted). */
export type JobSpec<J extends JobName> = z.input<(typeof jobSpecs)[J]>;
export type JobResultOf<J extends JobName> = z.output<(typeof jobResults)[J]>;

const jsonSchema = (schema: z.ZodType) => {
  const s = z.toJSONSchema(schema, { io: "input", target: "draft-2020-12" }) as Record<string, unknown>;
  delete s.$schema;
  return s;
};

/** The JSON Schema document of all jobs and engine input files: {$defs: {<job>: schema}, files: {<file>: schema}}. */
export function jobSchemaDocument(): Record<string, unknown> {
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title: "oxa engine job specs and input files (generated from src/engine by scripts/write-job-schema.ts; do not edit)",
    protocol: 1,
    $defs: Object.fromEntries(Object.entries(jobSpecs).map(([name, schema]) => [name, jsonSchema(schema)])),
    files: Object.fromEntries(Object.entries(engineFiles).map(([name, schema]) => [name, jsonSchema(schema)])),
  };
}
