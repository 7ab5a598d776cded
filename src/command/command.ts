// A command is typed data: a zod schema (its options, defaults, validation and help), examples,
// and a run function that receives the validated, readonly config. It is the contract between the
// front-ends that run commands — the CLI (cli/), the pipeline runner (pipeline/) and the demo —
// and the stages they call. Commands stay thin: they validate once and call a stage.
import type { z } from "zod";
import type { StartProgress } from "../io/progress.ts";
import { guardOutputs, type CommandFiles } from "../io/output-guard.ts";

export interface CommandContext {
  /** True when --json was given: the result goes to stdout as JSON, people's text to stderr. */
  json: boolean;
  /** A message for people (stderr), never mixed into machine output. */
  log(message: string): void;
  progress: StartProgress;
}

export interface Command<S extends z.ZodObject = z.ZodObject, R = unknown> {
  name: string;
  summary: string;
  description?: string;
  examples: string[];
  schema: S;
  /** Schema keys filled from positional arguments, in order. */
  positionals?: string[];
  /**
   * The files the command reads and writes, by option. Every front-end passes them through the
   * output guard (io/output-guard.ts) before run: no output may overwrite an input or another output.
   */
  files?(config: Readonly<z.output<S>>): CommandFiles;
  run(config: Readonly<z.output<S>>, ctx: CommandContext): Promise<R>;
  /** Human rendering of the result (stdout) when --json is not given. */
  format?(result: R): string;
}

export function defineCommand<S extends z.ZodObject, R>(cmd: Command<S, R>): Command<S, R> {
  return cmd;
}

/** Validated config in, result out — with the files checked first. The CLI and the pipeline both run commands through this. */
export async function runChecked<S extends z.ZodObject, R>(cmd: Command<S, R>, config: Readonly<z.output<S>>, ctx: CommandContext): Promise<R> {
  if (cmd.files) guardOutputs(cmd.files(config));
  return cmd.run(config, ctx);
}
