// The evaluation's Grader over the project's math verifier: each sample's final answer against
// the problem's gold answer, under the verifier's time budget per item.
import type { Grader } from "./grade-samples.ts";
import { verify } from "../verify/verify.ts";

export interface VerifierGrader {
  grade: Grader;
  close(): Promise<void>;
}

export function verifierGrader(opts: { timeoutMs: number }): VerifierGrader {
  return {
    grade: async (items) => items.map((it) => verify(it.gold, it.response, { timeoutMs: opts.timeoutMs }).correct),
    close: async () => {},
  };
}
