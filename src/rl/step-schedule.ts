// Which prompts each RL step uses: epochs of seeded shuffles of all prompt ids, cut into steps of
// `promptsPerStep` (an epoch's remainder carries into the next epoch, as a dataloader that does
// not drop the last batch would refill it). A pure function of (ids, promptsPerStep, steps, seed).
import { createRng, shuffleInPlace } from "../common/random.ts";

export function composeStepSchedule(ids: readonly string[], promptsPerStep: number, steps: number, seed: number): string[][] {
  const out: string[][] = [];
  let pool: string[] = [];
  for (let epoch = 0; out.length < steps; epoch++) {
    const rng = createRng(seed, "rl-epoch", epoch);
    pool = pool.concat(shuffleInPlace([...ids], () => rng.next()));
    while (pool.length >= promptsPerStep && out.length < steps) {
      // a step never holds the same prompt twice: a repeat at an epoch seam waits for the next step
      const step: string[] = [];
      const rest: string[] = [];
      for (const id of pool) (step.length < promptsPerStep && !step.includes(id) ? step : rest).push(id);
      if (step.length < promptsPerStep) break;
      out.push(step);
      pool = rest;
    }
  }
  return out;
}
