// The `export verl` stage: read prompts + gold answers, split them (seeded), and write verl's RL
// parquet (train.parquet, test.parquet) and a GRPO launch script beside them — all three appear
// together or not at all.
import { chmodSync } from "node:fs";
import { basename, extname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { OutputGroup } from "../io/atomic.ts";
import { InputError } from "../io/errors.ts";
import { nullProgress, type StartProgress } from "../io/progress.ts";
import { readRecords } from "../io/records.ts";
import type { ExportConfig } from "./export-config.ts";
import { splitRows, testCountOf } from "./split-rows.ts";
import { launchScript } from "./verl-launch-script.ts";
import { verlParquet } from "./verl-parquet.ts";
import { verlItem, verlRow, type VerlItem } from "./verl-row.ts";

/** This checkout's reward module (integrations/verl), which verl loads by path. */
export const REWARD_MODULE = fileURLToPath(new URL("../../integrations/verl/oxa_reward.py", import.meta.url));

export interface ExportVerlResult {
  train: string;
  test: string;
  launchScript: string;
  rows: { train: number; test: number };
  dataSource: string;
}

/** The files the stage writes (for the command's output guard). */
export function exportVerlFiles(c: Pick<ExportConfig, "out" | "launchScript">): { train: string; test: string; launchScript: string } {
  return { train: join(c.out, "train.parquet"), test: join(c.out, "test.parquet"), launchScript: c.launchScript ?? join(c.out, "run-verl-grpo.sh") };
}

export function dataSourceOf(c: Pick<ExportConfig, "dataSource" | "name" | "input">): string {
  if (c.dataSource !== undefined) return c.dataSource;
  const name = c.name ?? basename(c.input, extname(c.input));
  if (name.trim() === "") throw new InputError("cannot make a data_source from an empty name: give --name or --data-source", { file: c.input });
  return `oxa/${name}`;
}

/** The input's prompts + gold answers as items, and their seeded train/test split (shared by every RL export). */
export async function readExportItems(c: ExportConfig, progress: StartProgress = () => nullProgress): Promise<{ items: VerlItem[]; split: { train: number[]; test: number[] }; dataSource: string }> {
  const dataSource = dataSourceOf(c);
  const items: VerlItem[] = [];
  const bar = progress(`reading ${c.input}`);
  const fields = { query: c.queryField, gold: c.goldField, id: c.idField };
  for await (const src of readRecords(c.input)) {
    items.push(verlItem(src, { fields, dataSource, ability: c.ability, suffix: c.suffix, systemPrompt: c.systemPrompt }));
    bar.tick();
  }
  bar.finish(`${items.length} rows`);
  if (items.length === 0) throw new InputError("no rows to export", { file: c.input });
  return { items, split: splitRows(items.length, testCountOf(c.testSize, items.length), c.seed), dataSource };
}

export async function runExportVerl(c: ExportConfig, progress: StartProgress = () => nullProgress): Promise<ExportVerlResult> {
  const { items, split, dataSource } = await readExportItems(c, progress);
  const train = split.train.map((i, k) => verlRow(items[i], k, "train"));
  const test = split.test.map((i, k) => verlRow(items[i], k, "test"));
  const files = exportVerlFiles(c);
  const script = launchScript({
    ...c,
    trainFile: resolve(files.train),
    testFile: resolve(files.test),
    model: c.model ?? null,
    rewardModule: resolve(c.rewardModule ?? REWARD_MODULE),
    experiment: dataSource.replace(/[^A-Za-z0-9._-]+/g, "-"),
  });
  await new OutputGroup().all(async (group) => {
    group.file(files.train, await verlParquet(train));
    group.file(files.test, await verlParquet(test));
    group.file(files.launchScript, script);
  });
  chmodSync(files.launchScript, 0o755);
  return { ...files, rows: { train: train.length, test: test.length }, dataSource };
}
