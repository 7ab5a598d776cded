// The `sample` stage: n samples per prompt of a dataset through the engine's generate job. Output,
// in input order, either one line per sample ({...row, response, sample, n_tokens, finish_reason,
// mean_entropy}) or one line per prompt with parallel lists ({...row, responses: [...], n_tokens:
// [...], finish_reasons: [...], mean_entropies: [...]}) — the two shapes `oxa score`, `oxa select`
// and `oxa mine` read. Bounded memory and resumable, like `score` (see score/run-staged-job.ts).
import { col, type RowSchema } from "../io/row-schema.ts";
import { dirname, resolve } from "node:path";
import { pathFrom } from "../common/path-from.ts";
import { InputError } from "../io/errors.ts";
import { assertReadable, field, type Row, type SourceRow } from "../io/records.ts";
import type { Progress, StartProgress } from "../io/progress.ts";
import { chatSpec } from "../engine/jobs/common.ts";
import { generateRecord, type GenerateResult } from "../engine/jobs/generate.ts";
import { describeStats, remoteFor, remoteGenerate, type PoolStats, type Remote } from "../backend/index.ts";
import { assertModelDir } from "../engine/model-dir.ts";
import { rejectsPath, runFacts, runStagedJob, type RowStage, type RunFacts } from "../score/index.ts";
import type { SampleConfig } from "./sample-config.ts";

export interface SampleSummary extends RunFacts {
  prompts: number;
  samples: number;
  stopped: number;
  backend: string;
  /** Tokens generated in this call (the stop tokens excluded). */
  tokens: number;
  /** With a server pool: seconds spent on requests (tokenizing and set-up excluded); null for the local engine. */
  requestSeconds: number | null;
  /** With a server pool: what it went through (requests, retries, failures). */
  pool: PoolStats | null;
}

function promptOf(src: SourceRow, name: string): string {
  const p = field(src, name, "string");
  if (p.trim() === "") throw new InputError("empty prompt", { file: src.file, line: src.line, field: name });
  return p;
}

/** The input row, then the samples: lists per row (--shape list) or one sample per row. */
function sampleRowSchema(c: Readonly<SampleConfig>): RowSchema {
  const columns =
    c.shape === "list"
      ? [col(`${c.responseField}s`, "strings"), col("n_tokens", "doubles"), col("finish_reasons", "strings"), col("mean_entropies", "doubles"), col("sampled_by", "json")]
      : [col(c.responseField, "string"), col("sample", "int"), col("n_tokens", "int"), col("finish_reason", "string"), col("mean_entropy", "double", true), col("sampled_by", "json")];
  return { name: "sample", columns, rest: true, restFirst: true };
}

function sampleStage(c: Readonly<SampleConfig>, counts: { stopped: number }): RowStage<string, typeof generateRecord, "generate"> {
  const keys = (src: SourceRow) => Array.from({ length: c.n }, (_, k) => `${src.line}#${k}`);
  const model = pathFrom(dirname(c.output), c.model); // as scored_by records it
  const sampledBy = (e: GenerateResult | null) => ({
    model,
    temperature: c.temperature,
    top_p: c.topP,
    seed: c.seed,
    dtype: e?.dtype ?? null,
    device: e?.device ?? null,
    ...(c.backend === "local" ? {} : { backend: c.backend }),
  });
  return {
    input: c.input,
    result: generateRecord,
    parse: (src) => promptOf(src, c.promptField),
    items: (src, prompt) => [{ id: String(src.line), prompt }],
    resultKeys: keys,
    resultKey: (r) => `${r.id}#${r.sample}`,
    schema: sampleRowSchema(c),
    format: c.format,
    combine: (src, _prompt, got, engine) => {
      counts.stopped += got.filter((g) => g.finish_reason === "stop").length;
      if (c.shape === "list") {
        return [{
          ...src.row,
          [`${c.responseField}s`]: got.map((g) => g.text),
          n_tokens: got.map((g) => g.n_tokens),
          finish_reasons: got.map((g) => g.finish_reason),
          mean_entropies: got.map((g) => g.mean_entropy),
          sampled_by: sampledBy(engine),
        }];
      }
      return got.map((g): Row => ({ ...src.row, [c.responseField]: g.text, sample: g.sample, n_tokens: g.n_tokens, finish_reason: g.finish_reason, mean_entropy: g.mean_entropy, sampled_by: sampledBy(engine) }));
    },
  };
}

export async function sampleFile(c: Readonly<SampleConfig>, ports: { progress: StartProgress; log?: (m: string) => void }): Promise<SampleSummary> {
  assertReadable(c.input);
  assertModelDir(c.model);
  const remote = remoteFor({ ...c, topLogprobs: 0 }, ports.log);
  const started = Date.now();
  const counts = { stopped: 0 };
  let requestSeconds: number | null = null;
  const rejects = rejectsPath(c);
  const r = await runStagedJob(sampleStage(c, counts), {
    job: "generate",
    output: c.output,
    rejects,
    spec: (input, output) => ({
      model: resolve(c.model),
      input,
      output,
      n: c.n,
      temperature: c.temperature,
      top_p: c.topP,
      max_new_tokens: c.maxNewTokens,
      seed: c.seed,
      batch_size: c.batchSize,
      chat: chatSpec(c),
      device: c.device,
      dtype: c.dtype,
    }),
    progress: (n) => ports.progress(`sampling ${n} x ${c.n}`, n * c.n),
    run: remote
      ? async (input, output, progress) => {
          const got = await remoteRun(c, remote, input, output, progress, ports.log);
          requestSeconds = got.seconds;
          return got.result;
        }
      : undefined,
  });
  if (remote) ports.log?.(`${c.backend} pool: ${describeStats(remote.pool.stats)}`);
  return { ...runFacts({ ...c, rejects }, r, started), prompts: r.items, samples: r.items * c.n, stopped: counts.stopped, backend: c.backend, tokens: r.engine?.tokens_generated ?? 0, requestSeconds, pool: remote?.pool.stats ?? null };
}

async function remoteRun(c: Readonly<SampleConfig>, remote: Remote, input: string, output: string, progress: Progress, log?: (m: string) => void): Promise<{ result: GenerateResult; seconds: number }> {
  const settings = { temperature: c.temperature, top_p: c.topP, max_new_tokens: c.maxNewTokens, seed: c.seed, ...chatSettings(c) };
  const r = await remoteGenerate({ model: resolve(c.model), promptsPath: input, output, n: c.n, settings, progress }, remote, log);
  return { result: { model: resolve(c.model), dtype: "server", device: c.backend, output, samples: r.samples, resumed: r.resumed, tokens_generated: r.tokens_generated }, seconds: r.seconds };
}

const chatSettings = (c: Readonly<SampleConfig>) => ({ apply_template: c.template, system_prompt: c.systemPrompt });
