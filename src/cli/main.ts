// The `oxa` program: dispatches to one command per file in ./commands and maps failures to
// exit codes (2: usage or bad input found before work, 1: a failure while working).
import { runCommand } from "./run-command.ts";
import type { Command } from "../command/command.ts";
import { commands } from "./commands/index.ts";
import { describeFailure, exitCodeOf } from "./crash-report.ts";

function overview(): string {
  const w = Math.max(...Object.keys(commands).map((k) => k.length)) + 2;
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(w)}${(c as Command).summary}`);
  return [
    "oxa — exploration-aware fine-tuning (OXA) for math reasoning models",
    "",
    "Usage: oxa <command> [options]    (oxa <command> --help for its options and examples)",
    "Start with: oxa demo --preset tiny",
    "",
    "Commands:",
    ...lines,
    "",
  ].join("\n");
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    process.stdout.write(overview());
    return name ? 0 : 2;
  }
  if (name === "--version") {
    process.stdout.write("0.1.0\n");
    return 0;
  }
  const cmd = (commands as Record<string, Command>)[name];
  if (!cmd) {
    process.stderr.write(`oxa: unknown command "${name}"\n\n${overview()}`);
    return 2;
  }
  try {
    return await runCommand(cmd, rest);
  } catch (e) {
    process.stderr.write(describeFailure(name, e) + "\n");
    if (process.env.OXA_DEBUG) process.stderr.write(((e as Error)?.stack ?? "") + "\n");
    return exitCodeOf(e);
  }
}

/** Errors that escape every await (a stream's error event, a timer): the same one line, exit 1. */
export function reportEscaped(command: string) {
  return (e: unknown) => {
    process.stderr.write(describeFailure(command, e) + "\n");
    process.exit(exitCodeOf(e) || 1);
  };
}
