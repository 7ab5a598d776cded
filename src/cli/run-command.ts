// Runs one command from the command line: argv (and --config) -> the command's schema -> run ->
// the result on stdout (JSON with --json), and the --help text derived from the same schema.
import { runChecked, type Command, type CommandContext } from "../command/command.ts";
import { createProgress } from "./progress.ts";
import { nullProgress } from "../io/progress.ts";
import { flagsOf, parseArgv, readConfigFile, validate } from "./flags.ts";
import { kebab } from "../common/casing.ts";
import { UsageError } from "../io/errors.ts";

export function helpText(cmd: Command): string {
  const flags = flagsOf(cmd.schema);
  const pos = cmd.positionals ?? [];
  const lines = [`oxa ${cmd.name}${pos.map((p) => ` <${kebab(p)}>`).join("")} [options]`, "", cmd.summary];
  if (cmd.description) lines.push("", cmd.description.trim());
  lines.push("", "Options:");
  const rows = flags.map((f) => {
    const type = f.kind === "boolean" ? "" : f.kind === "array" ? ` <${f.item}>...` : f.kind === "enum" ? ` <${f.choices!.join("|")}>` : ` <${f.kind}>`;
    const left = `  --${f.flag}${type}`;
    const dflt = f.defaultValue !== undefined && f.defaultValue !== null && f.defaultValue !== false && !(Array.isArray(f.defaultValue) && f.defaultValue.length === 0)
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
  const values: Record<string, unknown> = parsed.config ? readConfigFile(parsed.config, flags) : {};
  const pos = cmd.positionals ?? [];
  if (parsed.positionals.length > pos.length) throw new UsageError(`unexpected argument "${parsed.positionals[pos.length]}"; see oxa ${cmd.name} --help`);
  parsed.positionals.forEach((p, i) => {
    if (pos[i] in parsed.values) throw new UsageError(`"${p}" and --${kebab(pos[i])} ${String(parsed.values[pos[i]])} both give the ${kebab(pos[i])}: give it once`);
    values[pos[i]] = p;
  });
  Object.assign(values, parsed.values);
  const config = validate(cmd.schema, values);
  const ctx: CommandContext = {
    json: parsed.json,
    log: (m) => io.stderr.write(m + "\n"),
    progress: (label, total) => (io.stderr === process.stderr ? createProgress(label, total) : nullProgress),
  };
  const result = await runChecked(cmd, Object.freeze(config), ctx);
  if (parsed.json) io.stdout.write(JSON.stringify(result ?? null, null, 2) + "\n");
  else if (cmd.format && result !== undefined) io.stdout.write(cmd.format(result));
  return 0;
}
