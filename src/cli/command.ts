// A command is typed data: a zod schema (its flags, defaults, validation and help), examples,
// and a run function that receives the validated, readonly config. Commands stay thin: they
// parse, validate and call a stage.
import { z } from "zod";
import { createProgress, nullProgress, type Progress } from "./progress.ts";
import { flagsOf, kebab, parseArgv, readConfigFile, validate } from "./flags.ts";
import { UsageError } from "../io/errors.ts";

export interface CommandContext {
  /** True when --json was given: the result goes to stdout as JSON, people's text to stderr. */
  json: boolean;
  /** A message for people (stderr), never mixed into machine output. */
  log(message: string): void;
  progress(label: string, total?: number): Progress;
}

export interface Command<S extends z.ZodObject = z.ZodObject, R = unknown> {
  name: string;
  summary: string;
  description?: string;
  examples: string[];
  schema: S;
  /** Schema keys filled from positional arguments, in order. */
  positionals?: string[];
  run(config: Readonly<z.infer<S>>, ctx: CommandContext): Promise<R>;
  /** Human rendering of the result (stdout) when --json is not given. */
  format?(result: R): string;
}

export function defineCommand<S extends z.ZodObject, R>(cmd: Command<S, R>): Command<S, R> {
  return cmd;
}

export function helpText(cmd: Command): string {
  const flags = flagsOf(cmd.schema);
  const pos = cmd.positionals ?? [];
  const lines = [`oxa ${cmd.name}${pos.map((p) => ` <${kebab(p)}>`).join("")} [options]`, "", cmd.summary];
  if (cmd.description) lines.push("", cmd.description.trim());
  lines.push("", "Options:");
  const rows = flags.map((f) => {
    const type = f.kind === "boolean" ? "" : f.kind === "array" ? ` <${f.item}>...` : f.kind === "enum" ? ` <${f.choices!.join("|")}>` : ` <${f.kind}>`;
    const left = `  --${f.flag}${type}`;
    const dflt = f.defaultValue !== undefined && f.defaultValue !== false && !(Array.isArray(f.defaultValue) && f.defaultValue.length === 0)
      ? ` (default: ${JSON.stringify(f.defaultValue)})`
      : f.required ? " (required)" : "";
    return [left, `${f.description}${dflt}`] as const;
  });
  rows.push(["  --config <file>", "YAML/JSON file of options (flags override it)"]);
  rows.push(["  --json", "print the result as JSON on stdout"]);
  rows.push(["  --help", "show this help"]);
  const w = Math.min(40, Math.max(...rows.map((r) => r[0].length)) + 2);
  for (const [l, r] of rows) lines.push(l.length >= w ? `${l}\n${" ".repeat(w)}${r}` : l.padEnd(w) + r);
  if (cmd.examples.length) lines.push("", "Examples:", ...cmd.examples.map((e) => `  ${e}`));
  return lines.join("\n") + "\n";
}

/** Parses argv, validates once, runs, prints the result. Returns the exit code. */
export async function runCommand(cmd: Command, argv: string[], io = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
  const flags = flagsOf(cmd.schema);
  const parsed = parseArgv(argv, flags);
  if (parsed.help) {
    io.stdout.write(helpText(cmd));
    return 0;
  }
  const values: Record<string, unknown> = parsed.config ? readConfigFile(parsed.config) : {};
  const pos = cmd.positionals ?? [];
  if (parsed.positionals.length > pos.length) throw new UsageError(`unexpected argument "${parsed.positionals[pos.length]}"; see oxa ${cmd.name} --help`);
  parsed.positionals.forEach((p, i) => (values[pos[i]] = p));
  Object.assign(values, parsed.values);
  const config = validate(cmd.schema, values);
  const ctx: CommandContext = {
    json: parsed.json,
    log: (m) => io.stderr.write(m + "\n"),
    progress: (label, total) => (io.stderr === process.stderr ? createProgress(label, total) : nullProgress),
  };
  const result = await cmd.run(Object.freeze(config), ctx);
  if (parsed.json) io.stdout.write(JSON.stringify(result ?? null, null, 2) + "\n");
  else if (cmd.format && result !== undefined) io.stdout.write(cmd.format(result));
  return 0;
}
