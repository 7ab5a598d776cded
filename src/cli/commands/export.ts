// `oxa export verl`: prompts + gold answers as verl's RL parquet (train/test) and a GRPO launch script.
import { defineCommand } from "../../command/command.ts";
import { exportConfig, exportVerlFiles, runExportVerl, type ExportVerlResult } from "../../export/index.ts";

export const exportCommand = defineCommand({
  name: "export",
  summary: "export prompts + gold answers for another trainer (verl: RL parquet and a GRPO launch script)",
  description: `oxa export verl writes <out>/train.parquet and <out>/test.parquet (a seeded split, --test-size a
count or a fraction) in verl's RL shape — data_source (oxa/<name>), prompt (chat messages: the query
plus the suffix oxa mix uses), ability, reward_model {style: "rule", ground_truth}, extra_info {index,
split, source_id} — and a launch script (python3 -m verl.trainer.main_ppo) with the OXA paper's GRPO
settings, the model, the files and our reward module (integrations/verl/oxa_reward.py), which asks
oxa reward-server at $OXA_REWARD_URL. See docs/verl.md.`,
  examples: [
    "oxa export verl --input problems.jsonl --out verl-data",
    "oxa export verl problems.parquet verl-data --gold-field answer --query-field problem --test-size 500 --model Qwen/Qwen2.5-7B",
  ],
  positionals: ["target", "input", "out"],
  schema: exportConfig,
  files: (c) => {
    const f = exportVerlFiles(c);
    return {
      inputs: [{ option: "--input", path: c.input }],
      outputs: [
        { option: "--out (train.parquet)", path: f.train },
        { option: "--out (test.parquet)", path: f.test },
        { option: "--launch-script", path: f.launchScript },
      ],
    };
  },
  run: (c, ctx) => runExportVerl(c, ctx.progress),
  format: (r: ExportVerlResult) =>
    `exported ${r.rows.train} train + ${r.rows.test} test rows (data_source ${r.dataSource})\n  train:  ${r.train}\n  test:   ${r.test}\n  launch: ${r.launchScript}\n`,
});
