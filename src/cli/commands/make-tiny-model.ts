// `oxa make-tiny-model`: a small Qwen2 or Llama model with a BPE tokenizer trained on a local corpus.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { z } from "zod";
import { defineCommand } from "../command.ts";
import { runJob } from "../../engine/run-job.ts";
import { assertReadable } from "../../io/records.ts";

const schema = z.object({
  out: z.string().describe("model directory to write (config.json, model.safetensors, tokenizer.json, tokenizer_config.json, generation_config.json)"),
  corpus: z.string().describe("UTF-8 text file, one document per line, to train the tokenizer on"),
  arch: z.enum(["qwen2", "llama"]).default("qwen2").describe("model architecture"),
  vocabSize: z.number().int().min(300).default(512).describe("BPE vocabulary size (256 bytes + merges + 4 special tokens)"),
  hiddenSize: z.number().int().positive().default(64).describe("model width"),
  intermediateSize: z.number().int().positive().default(128).describe("MLP width"),
  layers: z.number().int().positive().default(2).describe("transformer layers"),
  heads: z.number().int().positive().default(4).describe("attention heads (must divide --hidden-size)"),
  kvHeads: z.number().int().positive().default(2).describe("key/value heads (must divide --heads)"),
  maxPositionEmbeddings: z.number().int().min(16).default(2048).describe("context length"),
  addBos: z.boolean().default(false).describe("the tokenizer prepends a BOS token (Llama-style)"),
  initializerRange: z.number().positive().default(0.02).describe("std of the random initial weights"),
  seed: z.number().int().default(0).describe("seed of the weight initialisation (same seed => byte-identical files)"),
});

export const makeTinyModelCommand = defineCommand({
  name: "make-tiny-model",
  summary: "build a small model of a real architecture with a locally trained tokenizer (no downloads)",
  description: `Trains a byte-level BPE tokenizer on --corpus (special tokens <|endoftext|>, <|im_start|>,
<|im_end|>, <|pad|>; a ChatML chat template with an optional system message and no default one) and
initialises a Qwen2ForCausalLM or LlamaForCausalLM from a config. The directory loads with
transformers' AutoModelForCausalLM / AutoTokenizer, and serves any oxa command that takes --model.`,
  examples: [
    "oxa make-tiny-model --out models/tiny --corpus corpus.txt",
    "oxa make-tiny-model --out models/bench --corpus corpus.txt --hidden-size 256 --intermediate-size 688 --layers 4 --vocab-size 2048",
    "oxa make-tiny-model --out models/llama --corpus corpus.txt --arch llama --add-bos --seed 1",
  ],
  schema,
  async run(c, ctx) {
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
      return (await runJob("make-tiny-model", spec, { workDir, progress: ctx.progress("make-tiny-model", 3) })).result;
    } finally {
      rmSync(workDir, { recursive: true, force: true });
    }
  },
  format: (r: Record<string, unknown>) => `wrote ${r.out}: ${r.arch}, ${r.n_params} parameters, vocabulary ${r.vocab_size}\n`,
});
