// Model directories built by oxa itself: the tiny models of the demo and the tests.
export { tinyModelConfig, type TinyModelConfig } from "./tiny-model-config.ts";
export { makeTinyModel } from "./make-tiny-model.ts";
