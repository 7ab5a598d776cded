// Reads a results.json written by `oxa eval` (for `oxa demo`, the pipeline and later
// --buckets-from users) through a tolerant schema: the fields used downstream are checked, any
// extra ones are kept, and a wrong file fails with its path and the offending field.
import { readFileSync } from "node:fs";
import { z } from "zod";
import { InputError } from "../io/errors.ts";
import type { EvalResults } from "./results.ts";

const rate = z.number().min(0).max(1);
const benchResult = z.looseObject({ problems: z.number().int(), k: z.number().int(), "pass@1": rate, "pass@1_se": z.number().nullable(), curve_ks: z.array(z.number().int()) });
const modelResult = z.looseObject({ path: z.string(), benchmarks: z.record(z.string(), benchResult), average: z.looseObject({ "pass@1": rate, "pass@k": rate }) });
const resultsFile = z.looseObject({
  version: z.literal(1),
  settings: z.looseObject({ k: z.number().int() }),
  benchmarks: z.array(z.looseObject({ name: z.string(), problems: z.number().int() })),
  models: z.record(z.string(), modelResult),
});

export function readResults(path: string): EvalResults {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new InputError(`cannot read evaluation results (${(e as Error).message})`, { file: path });
  }
  const r = resultsFile.safeParse(raw);
  if (!r.success) {
    const iss = r.error.issues[0];
    throw new InputError(`not an oxa eval results file: ${iss.message}`, { file: path, field: iss.path.join(".") });
  }
  return r.data as unknown as EvalResults;
}
