// `oxa mix`: one training file from CE rows (the selection) and UL rows (the mined errors).
import { defineCommand } from "../../command/command.ts";
import { mixConfig, runMix, type MixResult } from "../../mix/index.ts";

export const mixCommand = defineCommand({
  name: "mix",
  summary: "combine CE (selected) and UL (mined) rows into one training set with loss_type",
  description: `OXA_MLE trains on --ce alone; OXA_Full adds --ul. Records keep the source rows' other fields
(ppl, len, ...). Order: CE files, then UL files, each in file order; the training batch schedule
decides which records share a batch.`,
  examples: [
    "oxa mix --ce sel.jsonl --out oxa-mle.jsonl",
    "oxa mix --ce sel.jsonl --ul errors.jsonl --out oxa-full.jsonl --alpaca oxa-full.json",
    "oxa mix --ce sel.jsonl --out plain.jsonl --suffix '' --messages plain.messages.jsonl",
    "oxa mix --ce sel.jsonl --ul errors.jsonl --out t.jsonl --alpaca lf/oxa.json --sharegpt lf/oxa-chat.json --dataset-info lf/dataset_info.json",
    "oxa mix --ce sel.jsonl --out t.jsonl --trl-sft t.trl.jsonl --system-prompt 'Please reason step by step.'",
  ],
  schema: mixConfig,
  files: (c) => ({
    inputs: [...c.ce.map((path) => ({ option: "--ce", path })), ...c.ul.map((path) => ({ option: "--ul", path }))],
    outputs: [
      { option: "--out", path: c.out },
      ...(c.alpaca ? [{ option: "--alpaca", path: c.alpaca }] : []),
      ...(c.messages ? [{ option: "--messages", path: c.messages }] : []),
      ...(c.sharegpt ? [{ option: "--sharegpt", path: c.sharegpt }] : []),
      ...(c.trlSft ? [{ option: "--trl-sft", path: c.trlSft }] : []),
      ...(c.datasetInfo ? [{ option: "--dataset-info", path: c.datasetInfo }] : []),
    ],
  }),
  async run(c, ctx) {
    return runMix({ ...c, fields: { query: c.queryField, response: c.responseField }, progress: ctx.progress });
  },
  format: (r: MixResult) =>
    `mixed ${r.total} records (${r.ce} CE, ${r.ul} UL) into ${r.out}` +
    `${r.alpaca ? `\n  alpaca:   ${r.alpaca}` : ""}${r.messages ? `\n  messages: ${r.messages}` : ""}` +
    `${r.sharegpt ? `\n  sharegpt: ${r.sharegpt}` : ""}${r.trlSft ? `\n  TRL SFT:  ${r.trlSft} (${r.ce} CE rows; UL rows left out)` : ""}${r.datasetInfo ? `\n  LLaMA-Factory registry: ${r.datasetInfo}` : ""}\n` +
    (r.sourceIds ? `  ${r.sourceIds} rows had an id of their own: kept as source_id (the records' ids are ce-N / ul-N)\n` : ""),
});
