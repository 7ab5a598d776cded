// The generation backend's interface: n samples per prompt of a JSONL prompt file, written as the
// engine's generate job writes them (one {id, sample, text, n_tokens, finish_reason, mean_entropy}
// line per sample, resumable when the output is partial). The local engine (local-engine.ts) and
// pools of OpenAI-compatible servers (remote-generator.ts: vLLM, SGLang) implement it; eval,
// sample, explore and rl rollouts all go through it.
import type { Progress } from "../io/progress.ts";
import { generateRecord } from "../engine/jobs/generate.ts";

/** One line of a samples file, whichever backend wrote it: the engine generate job's record. */
export const sampleRecord = generateRecord;

/** The sampling settings that decide what a sample is (and so key the sample cache). */
export interface SamplingSettings {
  temperature: number;
  top_p: number;
  max_new_tokens: number;
  seed: number;
  apply_template: boolean;
  system_prompt: string | null;
  /** Set for a server pool (its samples are not the local engine's, so they key the cache apart); absent for the local engine. */
  backend?: "vllm" | "sglang";
}

export interface GenerateRequest {
  model: string;
  /** JSONL of {id, prompt}. */
  promptsPath: string;
  output: string;
  n: number;
  settings: SamplingSettings;
  progress: Progress;
}

/** Writes `output` (one line per sample) for every prompt; resumable when `output` is partial. */
export type Generator = (req: GenerateRequest) => Promise<void>;
