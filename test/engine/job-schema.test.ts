// The committed JSON Schema must be exactly what the TypeScript job specs generate.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { jobSchemaDocument } from "../../src/engine/jobs/index.ts";
import { JOB_SCHEMA_PATH } from "../../src/engine/python.ts";

test("committed job_schema.json matches the TypeScript specs (run `npm run schema` to update)", () => {
  const committed = JSON.parse(readFileSync(JOB_SCHEMA_PATH, "utf8"));
  assert.deepEqual(committed, jobSchemaDocument());
});
