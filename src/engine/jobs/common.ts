// Fields shared by engine job specs. Specs use snake_case: they are a language-neutral contract
// read by the Python engine as they are.
import { z } from "zod";

export const device = z.enum(["auto", "cpu", "cuda"]).default("auto").describe("where tensors live; auto = cuda when available");
export const dtype = z.enum(["auto", "float32", "bfloat16", "float16"]).default("auto").describe("auto = bfloat16 on CUDA, float32 on CPU");
export const chat = z
  .object({
    apply_template: z.boolean().default(true).describe("format the prompt with the tokenizer's chat template"),
    system_prompt: z.string().nullable().default(null).describe("system message; null = none (the template's default system prompt is stripped)"),
  })
  .default({ apply_template: true, system_prompt: null });
