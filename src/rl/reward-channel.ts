// TypeScript's side of the rl job's rewards channel (docs/rl.md): for each `rollouts` event, read the
// rollouts file through its schema, verify every response against its prompt's gold answer on the
// verifier's worker pool, and write the rewards file atomically (the engine waits for it to appear).
// Events are handled one at a time, in order; the first failure is kept and ends the job.
import { writeFileAtomic } from "../io/atomic.ts";
import { EngineError } from "../io/errors.ts";
import { readEngineRecords } from "../engine/engine-output.ts";
import { rolloutRecord, type RlRolloutsEvent, type RolloutRecord } from "../engine/jobs/rl.ts";
import type { VerifierPool } from "../verify/index.ts";
import { rolloutReward, type RewardRule } from "./rollout-reward.ts";

export interface RewardTally {
  /** Train rollouts verified correct, and verified in all. */
  correct: number;
  verified: number;
}

export class RewardChannel {
  private chain: Promise<void> = Promise.resolve();
  private failure: unknown = null;
  readonly tally: RewardTally = { correct: 0, verified: 0 };

  constructor(
    private readonly gold: ReadonlyMap<string, string>,
    private readonly validationGold: ReadonlyMap<string, string>,
    private readonly pool: VerifierPool,
    private readonly rule: RewardRule,
    private readonly onFailure: () => void,
  ) {}

  /** Queues one event; returns at once (the engine is waiting on the file, not on this call). */
  handle(e: RlRolloutsEvent): void {
    this.chain = this.chain.then(() => (this.failure ? undefined : this.answer(e))).catch((err) => {
      this.failure ??= err;
      this.onFailure();
    });
  }

  /** Waits for queued events; rethrows the first failure. */
  async settle(): Promise<void> {
    await this.chain;
    if (this.failure) throw this.failure;
  }

  get failed(): unknown {
    return this.failure;
  }

  private async answer(e: RlRolloutsEvent): Promise<void> {
    const rows: RolloutRecord[] = [];
    for await (const r of readEngineRecords(rolloutRecord, e.path, "rl")) rows.push(r);
    const gold = e.kind === "train" ? this.gold : this.validationGold;
    const items = rows.map((r) => {
      const g = gold.get(r.id);
      if (g === undefined) throw new EngineError("rl", `${e.path}: rollout of prompt id ${JSON.stringify(r.id)}, which the ${e.kind} prompts do not hold`);
      return { gold: g, response: r.text };
    });
    const verdicts = await this.pool.verifyMany(items);
    const lines = rows.map((r, i) => {
      const correct = verdicts[i].correct;
      if (e.kind === "train") {
        this.tally.verified++;
        if (correct) this.tally.correct++;
        return { id: r.id, sample: r.sample, ...rolloutReward(r, correct, this.rule) };
      }
      return { id: r.id, sample: r.sample, reward: correct ? 1 : 0, use: true };
    });
    writeFileAtomic(e.rewards, lines.map((l) => JSON.stringify(l) + "\n").join(""));
  }
}
