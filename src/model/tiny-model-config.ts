// The config of `oxa make-tiny-model`: the engine job's own fields (engine/jobs/make-tiny-model.ts,
// where each default and bound is written) under the names people type.
import { z } from "zod";
import { makeTinyModelSpec as E } from "../engine/jobs/make-tiny-model.ts";

export const tinyModelConfig = z.object({
  out: z.string().describe("model directory to write (config.json, model.safetensors, tokenizer.json, tokenizer_config.json, generation_config.json)"),
  corpus: E.shape.corpus,
  arch: E.shape.arch,
  vocabSize: E.shape.vocab_size,
  hiddenSize: E.shape.hidden_size,
  intermediateSize: E.shape.intermediate_size,
  layers: E.shape.num_hidden_layers,
  heads: E.shape.num_attention_heads,
  kvHeads: E.shape.num_key_value_heads,
  maxPositionEmbeddings: E.shape.max_position_embeddings,
  addBos: E.shape.add_bos,
  initializerRange: E.shape.initializer_range,
  seed: E.shape.seed,
});

export type TinyModelConfig = z.output<typeof tinyModelConfig>;
