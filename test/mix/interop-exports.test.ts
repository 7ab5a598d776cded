// mix's exports loaded by the consumers' own code: `datasets.load_dataset` on every file, TRL's
// SFTTrainer one step on the TRL rows with a tiny model (its loss on the completion only), and
// LLaMA-Factory's registry checked against its documented format (LLaMA-Factory itself does not
// install beside our torch: see ../shared/notes/consumers.md).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { oxa, readJsonl, writeJsonl } from "../helpers/oxa-cli.ts";
import { tinyModel } from "../helpers/tiny-model.ts";

const PY = resolve(".venv-trl/bin/python");
const skip = !existsSync(PY) && "needs .venv-trl (scripts/setup-trl.sh installs TRL and datasets)";

function mixed(dir: string, extra: string[]) {
  const ce = writeJsonl(join(dir, "ce.jsonl"), [
    { query: "What is 2+3?", response: "2+3 = 5. \\boxed{5}" },
    { query: "What is 4*4?", response: "4*4 = 16. \\boxed{16}" },
    { query: "Half of 10?", response: "10/2 = 5. \\boxed{5}" },
  ]);
  const ul = writeJsonl(join(dir, "ul.jsonl"), [{ query: "What is 2+3?", response: "2+3 = 6. \\boxed{6}" }]);
  const lf = join(dir, "lf");
  const r = oxa(["mix", "--ce", ce, "--ul", ul, "--out", join(dir, "t.jsonl"), "--alpaca", join(lf, "oxa.json"), "--sharegpt", join(lf, "oxa-chat.json"), "--dataset-info", join(lf, "dataset_info.json"), "--messages", join(dir, "t.messages.jsonl"), "--trl-sft", join(dir, "t.trl.jsonl"), ...extra]);
  assert.equal(r.status, 0, r.stderr);
  return { lf, files: [join(dir, "t.jsonl"), join(lf, "oxa.json"), join(lf, "oxa-chat.json"), join(dir, "t.messages.jsonl"), join(dir, "t.trl.jsonl")] };
}

test("LLaMA-Factory's registry follows its documented format and names files that exist; the system prompt is explicit in every export", () => {
  const dir = mkdtempSync(join(tmpdir(), "oxa-interop-"));
  const { lf } = mixed(dir, ["--system-prompt", "Reason step by step."]);
  const info = JSON.parse(readFileSync(join(lf, "dataset_info.json"), "utf8"));
  assert.deepEqual(info.oxa_oxa, { file_name: "oxa.json", formatting: "alpaca", columns: { prompt: "instruction", query: "input", response: "output", history: "history", system: "system" } });
  assert.deepEqual(info["oxa_oxa_chat"], { file_name: "oxa-chat.json", formatting: "sharegpt", columns: { messages: "conversations", system: "system" }, tags: { role_tag: "from", content_tag: "value", user_tag: "human", assistant_tag: "gpt" } });
  for (const e of Object.values(info) as { file_name: string }[]) assert.ok(existsSync(join(lf, e.file_name)));
  const alpaca = JSON.parse(readFileSync(join(lf, "oxa.json"), "utf8"));
  assert.equal(alpaca.length, 4);
  assert.deepEqual(Object.keys(alpaca[3]).sort(), ["history", "input", "instruction", "loss_type", "output", "system"]);
  assert.equal(alpaca[3].loss_type, 1);
  const chat = JSON.parse(readFileSync(join(lf, "oxa-chat.json"), "utf8"));
  assert.deepEqual(chat[0].conversations.map((t: { from: string }) => t.from), ["human", "gpt"]);
  assert.equal(chat[0].system, "Reason step by step.");
  const trl = readJsonl(join(dir, "t.trl.jsonl"));
  assert.equal(trl.length, 3, "UL rows never reach TRL's SFT (it would learn them)");
  assert.deepEqual(trl[0].prompt.map((t: { role: string }) => t.role), ["system", "user"]);
  assert.match(trl[0].prompt[1].content, /^What is 2\+3\?/);
  assert.equal(readJsonl(join(dir, "t.messages.jsonl"))[0].messages[0].role, "system");
  // without --system-prompt no system turn is invented
  const d2 = mkdtempSync(join(tmpdir(), "oxa-interop-"));
  mixed(d2, []);
  assert.deepEqual(readJsonl(join(d2, "t.trl.jsonl"))[0].prompt.map((t: { role: string }) => t.role), ["user"]);
  assert.equal(JSON.parse(readFileSync(join(d2, "lf", "dataset_info.json"), "utf8")).oxa_oxa.columns.system, undefined);
});

test("datasets.load_dataset reads every export; TRL's SFTTrainer runs a step on the TRL rows with the loss on the completion only", { skip }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "oxa-interop-trl-"));
  const { files } = mixed(dir, []);
  const model = await tinyModel();
  const script = `
import json, sys, datasets
files = json.loads(sys.argv[1])
for f in files:
    ds = datasets.load_dataset("json", data_files=f, split="train")
    print(f.rsplit("/", 1)[-1], ds.num_rows, sorted(ds.column_names))
from trl import SFTConfig, SFTTrainer
from transformers import AutoModelForCausalLM, AutoTokenizer
tok = AutoTokenizer.from_pretrained(sys.argv[2])
model = AutoModelForCausalLM.from_pretrained(sys.argv[2])
ds = datasets.load_dataset("json", data_files=sys.argv[3], split="train")
cfg = SFTConfig(output_dir=sys.argv[4], use_cpu=True, max_steps=1, per_device_train_batch_size=3, report_to=[], logging_steps=1, save_strategy="no")
trainer = SFTTrainer(model=model, args=cfg, train_dataset=ds, processing_class=tok)
batch = next(iter(trainer.get_train_dataloader()))
labels = batch["labels"][0].tolist()
trained = tok.decode([t for t, l in zip(batch["input_ids"][0].tolist(), labels) if l != -100])
out = trainer.train()
print(json.dumps({"loss": out.training_loss, "trained_text": trained}))`;
  const r = spawnSync(PY, ["-c", script, JSON.stringify(files), model, join(dir, "t.trl.jsonl"), join(dir, "trl-out")], { encoding: "utf8", timeout: 300_000 });
  assert.equal(r.status, 0, r.stderr.slice(-3000));
  const lines = r.stdout.trim().split("\n");
  assert.match(r.stdout, /^t\.jsonl 4 \[/m);
  assert.match(r.stdout, /^oxa\.json 4 \['history', 'input', 'instruction', 'loss_type', 'output'\]/m);
  assert.match(r.stdout, /^oxa-chat\.json 4 \['conversations', 'loss_type'\]/m);
  assert.match(r.stdout, /^t\.trl\.jsonl 3 \['completion', 'id', 'prompt'\]/m);
  const last = JSON.parse(lines.at(-1)!);
  assert.ok(Number.isFinite(last.loss) && last.loss > 0, String(last.loss));
  // the labelled tokens are the answer (and the template's end of turn), not the question
  assert.match(last.trained_text, /\\boxed\{5\}/);
  assert.doesNotMatch(last.trained_text, /What is/);
});
