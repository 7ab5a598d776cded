// make-tiny-model: a small model of a real architecture with a locally trained BPE tokenizer.
import { z } from "zod";

export const makeTinyModelSpec = z.object({
  out: z.string().describe("model directory to write"),
  corpus: z.string().describe("UTF-8 text file, one document per line, to train the tokenizer on"),
  arch: z.enum(["qwen2", "llama"]).default("qwen2").describe("model architecture"),
  vocab_size: z.number().int().min(300).default(512).describe("BPE vocabulary size (256 bytes + merges + 4 special tokens)"),
  hidden_size: z.number().int().min(8).default(64).describe("model width"),
  intermediate_size: z.number().int().min(8).default(128).describe("MLP width"),
  num_hidden_layers: z.number().int().min(1).default(2).describe("transformer layers"),
  num_attention_heads: z.number().int().min(1).default(4).describe("attention heads (must divide the hidden size)"),
  num_key_value_heads: z.number().int().min(1).default(2).describe("key/value heads (must divide the attention heads)"),
  max_position_embeddings: z.number().int().min(16).default(2048).describe("context length"),
  rope_theta: z.number().positive().default(10000).describe("RoPE base"),
  tie_word_embeddings: z.boolean().default(true).describe("share the input embedding with the LM head"),
  add_bos: z.boolean().default(false).describe("the tokenizer prepends a BOS token (Llama-style); off = none, like Qwen2"),
  initializer_range: z.number().positive().default(0.02).describe("std of the random initial weights (larger = peakier next-token distributions)"),
  seed: z.number().int().default(0).describe("seed of the weight initialisation (same seed => byte-identical files)"),
});

export const makeTinyModelResult = z
  .object({ out: z.string(), arch: z.string(), vocab_size: z.number().int().positive(), n_params: z.number().int().positive() })
  .catchall(z.unknown()); // plus <name>_token_id for each special token
