// Regenerates engine/oxa_engine/job_schema.json from the TypeScript job specs.
import { writeFileAtomic } from "../src/io/atomic.ts";
import { jobSchemaDocument } from "../src/engine/jobs/index.ts";
import { JOB_SCHEMA_PATH } from "../src/engine/python.ts";

writeFileAtomic(JOB_SCHEMA_PATH, JSON.stringify(jobSchemaDocument(), null, 2) + "\n");
console.log(`wrote ${JOB_SCHEMA_PATH}`);
