// Fields shared by engine job specs. Specs use snake_case: they are a language-neutral contract
// read by the Python engine as they are. Each field's default, bounds and meaning are written here
// once; the commands' configs reuse these schemas for their flags.
import { z } from "zod";

export const device = z.enum(["auto", "cpu", "cuda"]).default("auto").describe("where tensors live: auto = CUDA when available, else CPU");
export const dtype = z.enum(["auto", "float32", "bfloat16", "float16"]).default("auto").describe("auto = bfloat16 on CUDA, float32 on CPU");
export const applyTemplate = z.boolean().default(true).describe("format the prompt with the model's chat template (off: the prompt text as it is)");
export const systemPrompt = z.string().nullable().default(null).describe("a system message before every prompt (default: none; the template's default system turn is stripped)");
export const chat = z.object({ apply_template: applyTemplate, system_prompt: systemPrompt }).prefault({});

export type ChatSpec = z.output<typeof chat>;

/** The chat flags every command that formats prompts offers (`--no-template`, `--system-prompt`). */
export const chatFlags = { template: applyTemplate, systemPrompt };

/** The engine's chat block from those flags. */
export const chatSpec = (c: { template: boolean; systemPrompt: string | null }): ChatSpec => ({ apply_template: c.template, system_prompt: c.systemPrompt });

/** What every job that loads a model reports about it. */
export const modelSetup = {
  model: z.string(),
  dtype: z.string().describe("the torch dtype the model ran in"),
  device: z.string().describe("cpu or cuda"),
};
