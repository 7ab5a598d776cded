// The `sample` stage: n samples per prompt of a dataset through the engine's generate job. Output,
// in input order, either one line per sample ({...row, response, sample, n_tokens, finish_reason,
// mean_entropy}) or one line per prompt with parallel lists ({...row, responses: [...], n_tokens:
// [...], finish_reasons: [...], mean_entropies: [...]}) — the two shapes `oxa score`, `oxa select`
// and `oxa mine` read. Bounded memory and resumable, like `score` (see score/run-staged-job.ts).
import { resolve } from "node:path";
import { InputError } from "../io/errors.ts";
import { assertReadable, field, type Row, type SourceRow } from "../io/records.ts";
import type { Progress } from "../cli/progress.ts";
import type { JobSpec } from "../engine/jobs/index.ts";
import { assertModelDir, runFacts, runStagedJob, type RowStage, type RunFacts } from "../score/index.ts";

export type EngineSampleOptions = Omit<JobSpec<"generate">, "model" | "input" | "output">;

export interface SampleRun {
  input: string;
  output: string;
  model: string;
  promptField: string;
  /** Text field of the output: one-sample lines use it, the list shape its plural `<field>s`. */
  responseField: string;
  shape: "rows" | "list";
  rejects: string | null;
  engine: EngineSampleOptions & { n: number };
  progress: (label: string, total?: number) => Progress;
}

export interface SampleSummary extends RunFacts {
  prompts: number;
  samples: number;
  stopped: number;
}

function promptOf(src: SourceRow, name: string): string {
  const p = field(src, name, "string");
  if (p.trim() === "") throw new InputError("empty prompt", { file: src.file, line: src.line, field: name });
  return p;
}

function sampleStage(o: SampleRun, counts: { stopped: number }): RowStage<string> {
  const keys = (src: SourceRow) => Array.from({ length: o.engine.n }, (_, k) => `${src.line}#${k}`);
  const sampledBy = (e: Record<string, unknown>) => ({ model: o.model, temperature: o.engine.temperature, top_p: o.engine.top_p, seed: o.engine.seed, dtype: e.dtype ?? null, device: e.device ?? null });
  return {
    input: o.input,
    parse: (src) => promptOf(src, o.promptField),
    items: (src, prompt) => [{ id: String(src.line), prompt }],
    resultKeys: keys,
    resultKey: (r) => `${r.id}#${r.sample}`,
    combine: (src, _prompt, got, engine) => {
      counts.stopped += got.filter((g) => g.finish_reason === "stop").length;
      if (o.shape === "list") {
        return [{
          ...src.row,
          [`${o.responseField}s`]: got.map((g) => g.text),
          n_tokens: got.map((g) => g.n_tokens),
          finish_reasons: got.map((g) => g.finish_reason),
          mean_entropies: got.map((g) => g.mean_entropy),
          sampled_by: sampledBy(engine),
        }];
      }
      return got.map((g): Row => ({ ...src.row, [o.responseField]: g.text, sample: g.sample, n_tokens: g.n_tokens, finish_reason: g.finish_reason, mean_entropy: g.mean_entropy, sampled_by: sampledBy(engine) }));
    },
  };
}

export async function sampleFile(o: SampleRun): Promise<SampleSummary> {
  assertReadable(o.input);
  assertModelDir(o.model);
  const started = Date.now();
  const counts = { stopped: 0 };
  const r = await runStagedJob(sampleStage(o, counts), {
    job: "generate",
    output: o.output,
    rejects: o.rejects,
    spec: (input, output) => ({ ...o.engine, model: resolve(o.model), input, output }),
    progress: (n) => o.progress(`sampling ${n} x ${o.engine.n}`, n * o.engine.n),
  });
  return { ...runFacts(o, r, started), prompts: r.items, samples: r.items * o.engine.n, stopped: counts.stopped };
}
