// The local backend: generation through the engine's `generate` job on this machine's CPU/GPU.
import { join } from "node:path";
import { runJob } from "../engine/run-job.ts";
import type { Generator } from "./generator.ts";

export interface LocalEngineOptions {
  batchSize: number;
  device: "auto" | "cpu" | "cuda";
  dtype: "auto" | "float32" | "bfloat16" | "float16";
}

export function engineGenerator(opts: LocalEngineOptions): Generator {
  return async (req) => {
    await runJob(
      "generate",
      {
        model: req.model,
        input: req.promptsPath,
        output: req.output,
        n: req.n,
        temperature: req.settings.temperature,
        top_p: req.settings.top_p,
        max_new_tokens: req.settings.max_new_tokens,
        seed: req.settings.seed,
        batch_size: opts.batchSize,
        chat: { apply_template: req.settings.apply_template, system_prompt: req.settings.system_prompt },
        device: opts.device,
        dtype: opts.dtype,
      },
      { workDir: join(req.output, ".."), progress: req.progress },
    );
  };
}
