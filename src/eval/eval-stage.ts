// The `oxa eval` stage from its config: the verifier pool as the grader, the local engine or a
// server pool (--backend) as the generation backend, runEval in between, and the pool closed whatever happens.
import { join } from "node:path";
import { describeStats, engineGenerator, remoteFor, remoteGenerator } from "../backend/index.ts";
import type { StartProgress } from "../io/progress.ts";
import type { EvalCommandConfig } from "./eval-config.ts";
import { runEval, type EvalOutcome } from "./run-eval.ts";
import { verifierGrader } from "./verifier-grader.ts";

export async function runEvalStage(c: Readonly<EvalCommandConfig>, ports: { progress: StartProgress; log: (m: string) => void }): Promise<EvalOutcome> {
  const remote = remoteFor({ ...c, topLogprobs: 0 }, ports.log);
  const generate = remote ? remoteGenerator(remote, ports.log) : engineGenerator({ batchSize: c.batchSize, device: c.device, dtype: c.dtype });
  const grader = verifierGrader({ timeoutMs: c.verifyTimeoutMs, mode: c.verifyMode, listOrder: c.verifyListOrder, workers: c.verifyWorkers });
  try {
    return await runEval(
      {
        models: c.model,
        benches: c.bench,
        fields: { problem: c.problemField, answer: c.answerField, id: c.idField },
        k: c.k,
        benchK: Object.fromEntries(c.benchK.map((s) => [s.slice(0, s.lastIndexOf("=")), Number(s.slice(s.lastIndexOf("=") + 1))])),
        sampling: {
          temperature: c.temperature,
          top_p: c.topP,
          max_new_tokens: c.maxNewTokens,
          seed: c.seed,
          apply_template: c.template,
          system_prompt: c.systemPrompt,
          ...(remote ? { backend: remote.dialect.kind } : {}),
        },
        suffix: c.suffix,
        out: c.out,
        cacheDir: c.cacheDir ?? join(c.out, "samples"),
        bucketsFrom: c.bucketsFrom,
        verifier: { mode: c.verifyMode, list_order: c.verifyListOrder, timeout_ms: c.verifyTimeoutMs },
        format: c.format,
      },
      { generate, grade: grader.grade, progress: ports.progress, log: ports.log },
    );
  } finally {
    await grader.close();
    if (remote) ports.log(`${remote.dialect.kind} pool: ${describeStats(remote.pool.stats)}`);
  }
}
