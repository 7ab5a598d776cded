// The `rl` stage with its I/O: read the prompt sets, compose the step schedule, start the engine's rl
// job (the model is loaded once) and answer each of its `rollouts` events with rewards from the
// verifier (reward-channel.ts), then draw the curves. Everything lands in the run directory:
//   prompts.jsonl validation-prompts.jsonl rl-schedule.json rl.spec.json metrics.jsonl
//   validation.jsonl rollouts/ checkpoints/step-N/ model/ curves.svg rl-summary.json
import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { pathFrom } from "../common/path-from.ts";
import { writeFileAtomic, writeJsonAtomic } from "../io/atomic.ts";
import { UsageError } from "../io/errors.ts";
import type { StartProgress } from "../io/progress.ts";
import { runJob } from "../engine/run-job.ts";
import { assertModelDir } from "../engine/model-dir.ts";
import { readEngineRecords } from "../engine/engine-output.ts";
import { chatSpec } from "../engine/jobs/common.ts";
import { jobSpecs } from "../engine/jobs/index.ts";
import { rlMetricsRow, rlScheduleFile, rlValidationRow, type RlMetricsRow, type RlValidationRow } from "../engine/jobs/rl.ts";
import { VerifierPool } from "../verify/index.ts";
import { readPromptSet, type RlPrompt } from "./prompt-set.ts";
import { RewardChannel } from "./reward-channel.ts";
import { rlCurvesChart } from "./rl-curves-chart.ts";
import type { RlConfig } from "./rl-config.ts";
import { RL_PRESETS, type RlSizes } from "./rl-presets.ts";
import { composeStepSchedule } from "./step-schedule.ts";

export interface RlPorts {
  progress: StartProgress;
  log: (message: string) => void;
}

export interface RlResult {
  model: string | null;
  out: string;
  sizes: RlSizes;
  steps: number;
  resumedFrom: number;
  first: RlMetricsRow | null;
  last: RlMetricsRow | null;
  validation: RlValidationRow[];
  /** Share of training rollouts the verifier found correct (over the steps this invocation ran). */
  trainAccuracy: number | null;
  curves: string;
}

/** The run sizes: the user's where given, else the preset's. */
export function rlSizes(c: Readonly<RlConfig>): RlSizes {
  const p = RL_PRESETS[c.preset];
  return { steps: c.steps ?? p.steps, promptsPerStep: c.promptsPerStep ?? p.promptsPerStep, n: c.n ?? p.n, maxNewTokens: c.maxNewTokens ?? p.maxNewTokens, lr: c.lr ?? p.lr };
}

function writePrompts(path: string, set: readonly RlPrompt[]): string {
  const body = set.map((p) => JSON.stringify({ id: p.id, prompt: p.prompt }) + "\n").join("");
  writeFileAtomic(path, body);
  return createHash("sha256").update(body).digest("hex");
}

export async function runRl(c: Readonly<RlConfig>, ports: RlPorts): Promise<RlResult> {
  assertModelDir(c.model);
  if (c.evalEvery > 0 && !c.validation) throw new UsageError("--eval-every needs --validation (held-out prompts with gold answers)");
  const sizes = rlSizes(c);
  const fields = { promptField: c.promptField, goldField: c.goldField, promptSuffix: c.promptSuffix };
  const train = await readPromptSet(c.prompts, fields);
  const held = c.validation ? await readPromptSet(c.validation, fields) : [];
  if (sizes.promptsPerStep > train.length) throw new UsageError(`--prompts-per-step ${sizes.promptsPerStep} is more than the ${train.length} prompts in ${c.prompts}`);

  mkdirSync(c.out, { recursive: true });
  const promptsPath = join(c.out, "prompts.jsonl");
  const sha = writePrompts(promptsPath, train);
  const validationPath = held.length ? join(c.out, "validation-prompts.jsonl") : null;
  if (validationPath) writePrompts(validationPath, held);
  const schedulePath = join(c.out, "rl-schedule.json");
  writeJsonAtomic(schedulePath, rlScheduleFile.parse({ version: 1, prompts_sha256: sha, seed: c.seed, steps: composeStepSchedule(train.map((p) => p.id), sizes.promptsPerStep, sizes.steps, c.seed) }));

  const spec = jobSpecs.rl.parse({
    model: c.model, prompts: promptsPath, schedule: schedulePath, validation: validationPath, out: c.out,
    eval_every: c.evalEvery, validation_temperature: c.validationTemperature,
    n: sizes.n, max_new_tokens: sizes.maxNewTokens, lr: sizes.lr, temperature: c.temperature, top_p: c.topP,
    generation_batch_size: c.generationBatchSize, scale_rewards: c.scaleRewards, loss_agg: c.lossAgg,
    eps_low: c.epsLow, eps_high: c.epsHigh, kl_coef: c.klCoef, kl_estimator: c.klEstimator,
    weight_decay: c.weightDecay, max_grad_norm: c.maxGradNorm, micro_batch_size: c.microBatchSize,
    save_every: c.saveEvery, keep_checkpoints: c.keepCheckpoints, stop_after: c.stopAfter, resume: c.resume,
    seed: c.seed, dtype: c.dtype, device: c.device, strip_default_system_prompt: c.stripSystemPrompt, chat: chatSpec(c),
  });

  const pool = new VerifierPool({ workers: c.verifyWorkers, verify: { mode: c.verifyMode, think: c.verifyThink, listOrder: c.verifyListOrder, timeoutMs: c.verifyTimeoutMs } });
  const abort = new AbortController();
  const gold = (set: readonly RlPrompt[]) => new Map(set.map((p) => [p.id, p.gold]));
  const channel = new RewardChannel(gold(train), gold(held), pool, { formatReward: c.formatReward, overlong: c.overlong }, () => abort.abort());
  let done;
  try {
    done = await runJob("rl", spec, {
      workDir: c.out,
      progress: ports.progress("GRPO steps", sizes.steps),
      onEvent: (e) => {
        if (e.type === "rollouts") channel.handle(e);
      },
      signal: abort.signal,
      env: { OMP_NUM_THREADS: process.env.OMP_NUM_THREADS ?? "1" },
    });
  } catch (e) {
    if (channel.failed) throw channel.failed; // the engine was stopped because a reward could not be computed
    throw e;
  } finally {
    await pool.close();
  }
  await channel.settle();

  const steps: RlMetricsRow[] = [];
  for await (const r of readEngineRecords(rlMetricsRow, join(c.out, "metrics.jsonl"), "rl")) steps.push(r);
  const validation: RlValidationRow[] = [];
  if (validationPath) for await (const r of readEngineRecords(rlValidationRow, join(c.out, "validation.jsonl"), "rl")) validation.push(r);
  const curves = join(c.out, "curves.svg");
  // no absolute path in what the run writes (a moved or re-made run directory writes the same bytes)
  writeFileAtomic(curves, rlCurvesChart([{ name: "GRPO", steps, validation }], `oxa rl: ${sizes.promptsPerStep} prompts x ${sizes.n} rollouts per step, lr ${sizes.lr}`));
  const result: RlResult = {
    model: done.result.model, out: c.out, sizes, steps: steps.length, resumedFrom: done.result.resumed_from,
    first: steps[0] ?? null, last: steps.at(-1) ?? null, validation,
    trainAccuracy: channel.tally.verified ? channel.tally.correct / channel.tally.verified : null, curves,
  };
  const rel = (p: string | null) => (p === null ? null : pathFrom(c.out, p));
  writeJsonAtomic(join(c.out, "rl-summary.json"), { ...result, model: rel(result.model), out: ".", curves: rel(curves) });
  return result;
}
