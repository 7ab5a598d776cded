// The `export openrlhf` stage: prompts + gold answers as OpenRLHF's prompt data — JSONL rows
// {prompt: chat messages, label: the gold answer} (its `--input_key prompt --label_key label
// --apply_chat_template`), split train/test as `export verl` splits them. OpenRLHF hands `label` to
// a remote reward model as `labels`: `oxa reward-server` answers that protocol (docs/verl.md).
import { join } from "node:path";
import { AtomicJsonlWriter, OutputGroup, writeAllOrNothing } from "../io/atomic.ts";
import { nullProgress, type StartProgress } from "../io/progress.ts";
import type { ExportConfig } from "./export-config.ts";
import { readExportItems } from "./run-export-verl.ts";
import type { ChatMessage, VerlItem } from "./verl-row.ts";

export interface OpenRlhfRow {
  prompt: ChatMessage[];
  label: string;
  data_source: string;
  source_id: string | null;
}

export interface ExportOpenRlhfResult {
  train: string;
  test: string;
  rows: { train: number; test: number };
  /** The OpenRLHF flags that read these files with our reward server. */
  flags: string;
}

export function exportOpenRlhfFiles(c: Pick<ExportConfig, "out">): { train: string; test: string } {
  return { train: join(c.out, "train.jsonl"), test: join(c.out, "test.jsonl") };
}

const rowOf = (it: VerlItem): OpenRlhfRow => ({ prompt: it.prompt, label: it.reward_model.ground_truth, data_source: it.data_source, source_id: it.sourceId });

export async function runExportOpenRlhf(c: ExportConfig, progress: StartProgress = () => nullProgress): Promise<ExportOpenRlhfResult> {
  const { items, split } = await readExportItems(c, progress);
  const files = exportOpenRlhfFiles(c);
  await new OutputGroup().all(async (group) => {
    for (const [path, idx] of [[files.train, split.train], [files.test, split.test]] as const) {
      await writeAllOrNothing(new AtomicJsonlWriter(path, group), async (w) => {
        for (const i of idx) await w.write(rowOf(items[i]));
      });
    }
  });
  const flags = `--prompt_data ${files.train} --eval_dataset ${files.test} --input_key prompt --label_key label --apply_chat_template --remote_rm_url ${c.rewardUrl}/score`;
  return { ...files, rows: { train: split.train.length, test: split.test.length }, flags };
}
