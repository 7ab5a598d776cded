// make-tiny-model: a small model of a real architecture with a locally trained BPE tokenizer.
import { z } from "zod";

export const makeTinyModelSpec = z.object({
  out: z.string().describe("model directory to write"),
  corpus: z.string().describe("UTF-8 text file, one document per line, to train the tokenizer on"),
  arch: z.enum(["qwen2", "llama"]).default("qwen2"),
  vocab_size: z.number().int().min(64).default(512),
  hidden_size: z.number().int().min(8).default(64),
  intermediate_size: z.number().int().min(8).default(128),
  num_hidden_layers: z.number().int().min(1).default(2),
  num_attention_heads: z.number().int().min(1).default(4),
  num_key_value_heads: z.number().int().min(1).default(2),
  max_position_embeddings: z.number().int().min(16).default(2048),
  rope_theta: z.number().positive().default(10000),
  tie_word_embeddings: z.boolean().default(true),
  seed: z.number().int().default(0),
});
