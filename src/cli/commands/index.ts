// The command table: one file per command, listed here in the order --help shows them.
import type { Command } from "../../command/command.ts";
import { worldCommand } from "./world.ts";
import { verifyCommand } from "./verify.ts";
import { runPipelineCommand } from "./run.ts";
import { selectCommand } from "./select.ts";
import { mineCommand } from "./mine.ts";
import { mixCommand } from "./mix.ts";
import { evalCommand } from "./eval.ts";
import { trainCommand } from "./train.ts";
import { scoreCommand } from "./score.ts";
import { sampleCommand } from "./sample.ts";
import { makeTinyModelCommand } from "./make-tiny-model.ts";
import { demoCommand } from "./demo.ts";
import { exploreCommand } from "./explore.ts";
import { rftCommand } from "./rft.ts";
import { pairsCommand } from "./pairs.ts";
import { dpoCommand } from "./dpo.ts";
import { exportCommand } from "./export.ts";
import { rewardServerCommand } from "./reward-server.ts";
import { rlCommand } from "./rl.ts";
import { rlReportCommand } from "./rl-report.ts";
import { convertCommand } from "./convert.ts";

export const commands: Record<string, Command<any, any>> = {
  demo: demoCommand,
  run: runPipelineCommand,
  verify: verifyCommand,
  score: scoreCommand,
  select: selectCommand,
  sample: sampleCommand,
  mine: mineCommand,
  mix: mixCommand,
  train: trainCommand,
  rft: rftCommand,
  explore: exploreCommand,
  pairs: pairsCommand,
  dpo: dpoCommand,
  eval: evalCommand,
  rl: rlCommand,
  "rl-report": rlReportCommand,
  world: worldCommand,
  "make-tiny-model": makeTinyModelCommand,
  export: exportCommand,
  convert: convertCommand,
  "reward-server": rewardServerCommand,
};
