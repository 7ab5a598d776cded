// Builds a tiny model directory through the engine's make-tiny-model job (a scratch directory
// holds the spec; the model lands in --out).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { runJob } from "../engine/run-job.ts";
import type { JobResultOf } from "../engine/jobs/index.ts";
import { assertReadable } from "../io/records.ts";
import type { StartProgress } from "../io/progress.ts";
import type { TinyModelConfig } from "./tiny-model-config.ts";

export async function makeTinyModel(c: Readonly<TinyModelConfig>, ports: { progress: StartProgress }): Promise<JobResultOf<"make-tiny-model">> {
  assertReadable(c.corpus);
  const spec = {
    out: resolve(c.out), // the engine runs in another working directory
    corpus: resolve(c.corpus),
    arch: c.arch,
    vocab_size: c.vocabSize,
    hidden_size: c.hiddenSize,
    intermediate_size: c.intermediateSize,
    num_hidden_layers: c.layers,
    num_attention_heads: c.heads,
    num_key_value_heads: c.kvHeads,
    max_position_embeddings: c.maxPositionEmbeddings,
    add_bos: c.addBos,
    initializer_range: c.initializerRange,
    seed: c.seed,
  };
  const workDir = mkdtempSync(join(tmpdir(), "oxa-make-tiny-model-"));
  try {
    return (await runJob("make-tiny-model", spec, { workDir, progress: ports.progress("make-tiny-model", 3) })).result;
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}
