// The evaluation's Grader over the project's math verifier: each sample's final answer against
// the problem's gold answer, on a pool of worker threads whose per-item time limit is enforced
// by terminating the worker (a pathological answer costs at most the limit, never a hang).
import type { Grader } from "./grade-samples.ts";
import { VerifierPool, type VerifyMode, type VerifyOptions } from "../verify/index.ts";

export interface VerifierGrader {
  grade: Grader;
  close(): Promise<void>;
}

export interface GraderOptions extends Pick<VerifyOptions, "listOrder"> {
  timeoutMs: number;
  /** "strict": only a \boxed{} answer counts; "lenient": without a box, the answer a careful reader would take. */
  mode: VerifyMode;
  workers?: number;
}

export function verifierGrader(opts: GraderOptions): VerifierGrader {
  const pool = new VerifierPool({ workers: opts.workers, verify: { timeoutMs: opts.timeoutMs, mode: opts.mode, listOrder: opts.listOrder } });
  return {
    grade: async (items) => (await pool.verifyMany(items)).map((v) => v.correct),
    close: () => pool.close(),
  };
}
