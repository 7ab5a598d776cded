// `oxa make-tiny-model`: a small Qwen2 or Llama model with a BPE tokenizer trained on a local corpus.
import { defineCommand } from "../../command/command.ts";
import { makeTinyModel, tinyModelConfig } from "../../model/index.ts";

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
  schema: tinyModelConfig,
  files: (c) => ({ inputs: [{ option: "--corpus", path: c.corpus }], outputs: [{ option: "--out", path: c.out, kind: "dir" }] }),
  run: (c, ctx) => makeTinyModel(c, ctx),
  format: (r) => `wrote ${r.out}: ${r.arch}, ${r.n_params} parameters, vocabulary ${r.vocab_size}\n`,
});
