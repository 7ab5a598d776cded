// Every engine job's spec, by name. The JSON Schema the engine validates against is generated
// from this table (scripts/write-job-schema.ts) and a test keeps the committed file in step.
import { z } from "zod";
import { makeTinyModelSpec } from "./make-tiny-model.ts";
import { scoreSpec } from "./score.ts";
import { generateSpec } from "./generate.ts";
import { trainSpec } from "./train.ts";
import { countTokensSpec } from "./count-tokens.ts";

export const jobSpecs = {
  "make-tiny-model": makeTinyModelSpec,
  score: scoreSpec,
  generate: generateSpec,
  train: trainSpec,
  "count-tokens": countTokensSpec,
} as const;

export type JobName = keyof typeof jobSpecs;
/** What callers pass (defaults may be omitted). */
export type JobSpec<J extends JobName> = z.input<(typeof jobSpecs)[J]>;

/** The JSON Schema document of all jobs: {$defs: {<job>: schema}}. */
export function jobSchemaDocument(): Record<string, unknown> {
  const defs: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(jobSpecs)) {
    const s = z.toJSONSchema(schema, { io: "input", target: "draft-2020-12" }) as Record<string, unknown>;
    delete s.$schema;
    defs[name] = s;
  }
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title: "oxa engine job specs (generated from src/engine/jobs by scripts/write-job-schema.ts; do not edit)",
    protocol: 1,
    $defs: defs,
  };
}
