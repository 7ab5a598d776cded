// make-tiny-model: a small model of a real architecture with a locally trained BPE tokenizer.
import { z } from "zod";

export const makeTinyModelSpec = z.object({
  out: z.string().describe("model directory to write"),
  corpus: z.string().describe("UTF-8 text file, one document per line, to train the tokenizer on"),
  arch: z.enum(["qwen2", "llama"]).default("qwen2").describe("model architecture"),
  vocab_size: z.number().int().min(300).default(512).describe("BPE vocabulary size target (256 byte tokens + merges + specials)"),
  hidden_size: z.number().int().min(8).default(64),
  intermediate_size: z.number().int().min(8).default(128),
  num_hidden_layers: z.number().int().min(1).default(2),
  num_attention_heads: z.number().int().min(1).default(4),
  num_key_value_heads: z.number().int().min(1).default(2),
  max_position_embeddings: z.number().int().min(16).default(2048),
  rope_theta: z.number().positive().default(10000),
  tie_word_embeddings: z.boolean().default(true),
  add_bos: z.boolean().default(false).describe("the tokenizer prepends a BOS token (Llama-style); off = none, like Qwen2"),
  initializer_range: z.number().positive().default(0.02).describe("std of the random initial weights (larger = peakier next-token distributions)"),
  seed: z.number().int().default(0).describe("seed of the weight initialisation"),
});
