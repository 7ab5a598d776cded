// The `oxa` program: dispatches to one command per file in ./commands and maps failures to
// exit codes (2: usage or bad input found before work, 1: a failure while working).
import { runCommand, type Command } from "./command.ts";
import { commands } from "./commands/index.ts";
import { EngineError, InputError, UsageError } from "../io/errors.ts";

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
    const err = e as Error;
    process.stderr.write(`oxa ${name}: ${err.message}\n`);
    if (process.env.OXA_DEBUG) process.stderr.write((err.stack ?? "") + "\n");
    return e instanceof UsageError || e instanceof InputError ? 2 : e instanceof EngineError ? 1 : 1;
  }
}
