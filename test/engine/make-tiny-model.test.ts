// make-tiny-model through the real engine process: a standard model directory, cached by spec.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { tinyModel } from "../helpers/tiny-model.ts";

test("tinyModel builds a loadable Qwen2 directory through runJob and reuses it", async () => {
  const dir = await tinyModel();
  for (const f of ["config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json", "generation_config.json"]) {
    assert.ok(existsSync(join(dir, f)), f);
  }
  const config = JSON.parse(readFileSync(join(dir, "config.json"), "utf8"));
  assert.deepEqual(config.architectures, ["Qwen2ForCausalLM"]);
  assert.equal(config.hidden_size, 32);
  assert.equal(await tinyModel(), dir);
  const llama = await tinyModel({ arch: "llama", add_bos: true });
  assert.notEqual(llama, dir);
  assert.deepEqual(JSON.parse(readFileSync(join(llama, "config.json"), "utf8")).architectures, ["LlamaForCausalLM"]);
});
