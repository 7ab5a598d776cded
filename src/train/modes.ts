// The training modes of the paper and what each puts in the objective L = CE + alpha*UL:
//   sft       CE on the given records (random or lowest-PPL selections)      alpha = 0, k = 0
//   oxa-mle   CE on the Gaussian selection (the same objective as sft)       alpha = 0, k = 0
//   oxa-full  CE + alpha*UL with exactly k UL records in every global batch  alpha, k as given
// This function is the one place that decides it; the CLI, the schedule and the engine spec follow.
export const MODES = ["sft", "oxa-mle", "oxa-full"] as const;
export type Mode = (typeof MODES)[number];

export interface LossMix {
  /** UL weight passed to the engine. */
  alpha: number;
  /** UL sequences in every global batch. */
  ulPerBatch: number;
}

export function lossMix(mode: Mode, o: LossMix): LossMix {
  return mode === "oxa-full" ? { alpha: o.alpha, ulPerBatch: o.ulPerBatch } : { alpha: 0, ulPerBatch: 0 };
}
