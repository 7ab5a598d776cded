// A worker thread that scans one part of a JSONL file and posts the part back (its columns
// transferred, not copied). Bad rows come back as the part's error, not as a thrown exception.
import { parentPort, workerData } from "node:worker_threads";
import { exclusionOf, type CandidateRule } from "./candidate-rules.ts";
import { partBuffers } from "./pool-part.ts";
import type { PoolFields } from "./row-facts.ts";
import { scanRange } from "./scan-range.ts";

export interface ScanJob {
  file: string;
  start: number;
  end: number;
  fields: PoolFields;
  rule: CandidateRule;
}

const job = workerData as ScanJob;
const part = scanRange(job.file, job.start, job.end, job.fields, exclusionOf(job.rule));
parentPort!.postMessage(part, partBuffers(part));
