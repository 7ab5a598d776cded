// `oxa export verl|openrlhf`: prompts + gold answers for an RL framework — verl's RL parquet (train/test)
// and a GRPO launch script, or OpenRLHF's prompt/label JSONL.
import { defineCommand } from "../../command/command.ts";
import { exportConfig, exportOpenRlhfFiles, exportVerlFiles, runExportOpenRlhf, runExportVerl, type ExportOpenRlhfResult, type ExportVerlResult } from "../../export/index.ts";

export const exportCommand = defineCommand({
  name: "export",
  summary: "export prompts + gold answers for an RL framework (verl: RL parquet and a GRPO launch script; openrlhf: prompt/label JSONL)",
  description: `oxa export verl writes <out>/train.parquet and <out>/test.parquet (a seeded split, --test-size a
count or a fraction) in verl's RL shape — data_source (oxa/<name>), prompt (chat messages: the query
plus the suffix oxa mix uses), ability, reward_model {style: "rule", ground_truth}, extra_info {index,
split, source_id} — and a launch script (python3 -m verl.trainer.main_ppo) with the OXA paper's GRPO
settings, the model, the files and our reward module (integrations/verl/oxa_reward.py), which asks
oxa reward-server at $OXA_REWARD_URL. See docs/verl.md.
oxa export openrlhf writes <out>/train.jsonl and <out>/test.jsonl of {prompt (chat messages), label
(the gold answer), data_source, source_id} and prints the OpenRLHF flags that read them with
oxa reward-server as its remote reward model. See docs/interop.md.`,
  examples: [
    "oxa export verl --input problems.jsonl --out verl-data",
    "oxa export openrlhf --input problems.jsonl --out openrlhf-data --test-size 200",
    "oxa export verl problems.parquet verl-data --gold-field answer --query-field problem --test-size 500 --model Qwen/Qwen2.5-7B",
  ],
  positionals: ["target", "input", "out"],
  schema: exportConfig,
  files: (c) => {
    if (c.target === "openrlhf") {
      const f = exportOpenRlhfFiles(c);
      return {
        inputs: [{ option: "--input", path: c.input }],
        outputs: [
          { option: "--out (train.jsonl)", path: f.train },
          { option: "--out (test.jsonl)", path: f.test },
        ],
      };
    }
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
  run: (c, ctx): Promise<ExportVerlResult | ExportOpenRlhfResult> => (c.target === "openrlhf" ? runExportOpenRlhf(c, ctx.progress) : runExportVerl(c, ctx.progress)),
  format: (r: ExportVerlResult | ExportOpenRlhfResult) =>
    "flags" in r
      ? `exported ${r.rows.train} train + ${r.rows.test} test rows for OpenRLHF\n  train: ${r.train}\n  test:  ${r.test}\n  flags: ${r.flags}\n`
      : `exported ${r.rows.train} train + ${r.rows.test} test rows (data_source ${r.dataSource})\n  train:  ${r.train}\n  test:   ${r.test}\n  launch: ${r.launchScript}\n`,
});
