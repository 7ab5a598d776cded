// Command-line flags derived from a command's zod schema: one schema is the config type, the
// validation and the --help text. Keys are camelCase in code and kebab-case on the command line.
import { z } from "zod";
import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { UsageError } from "../io/errors.ts";
import { camel, kebab } from "../common/casing.ts";

type Kind = "string" | "number" | "boolean" | "array" | "enum" | "other";

export interface FlagInfo {
  key: string;
  flag: string;
  kind: Kind;
  /** For arrays: the element's kind. */
  item?: Kind;
  choices?: string[];
  description: string;
  defaultValue?: unknown;
  required: boolean;
}


function describe(t: z.ZodType): { kind: Kind; item?: Kind; choices?: string[]; description: string; defaultValue?: unknown; required: boolean } {
  let description = t.description ?? "";
  let defaultValue: unknown;
  let required = true;
  let cur: z.ZodType = t;
  for (;;) {
    const def = (cur as any)._zod.def;
    if (def.type === "optional" || def.type === "default" || def.type === "nullable" || def.type === "prefault") {
      if (def.type === "default" || def.type === "prefault") {
        defaultValue = typeof def.defaultValue === "function" ? def.defaultValue() : def.defaultValue;
      }
      required = false;
      cur = def.innerType;
      description ||= cur.description ?? "";
      continue;
    }
    if (def.type === "pipe") {
      cur = def.in;
      continue;
    }
    break;
  }
  const def = (cur as any)._zod.def;
  const kindOf = (d: any): Kind =>
    d.type === "string" || d.type === "number" || d.type === "boolean" || d.type === "enum" ? d.type : d.type === "int" ? "number" : "other";
  if (def.type === "array") {
    const inner = (def.element as any)._zod.def;
    return { kind: "array", item: kindOf(inner), choices: inner.type === "enum" ? Object.values(inner.entries) as string[] : undefined, description, defaultValue, required };
  }
  const kind = kindOf(def);
  return { kind, choices: kind === "enum" ? (Object.values(def.entries) as string[]) : undefined, description, defaultValue, required };
}

export function flagsOf(schema: z.ZodObject): FlagInfo[] {
  return Object.entries(schema.shape).map(([key, t]) => ({ key, flag: kebab(key), ...describe(t as z.ZodType) }));
}

function coerce(raw: string, kind: Kind | undefined, flag: string): unknown {
  if (kind === "number") {
    const n = Number(raw);
    if (raw.trim() === "" || !Number.isFinite(n)) throw new UsageError(`--${flag} expects a number, got "${raw}"`);
    return n;
  }
  if (kind === "boolean") {
    if (raw === "true" || raw === "1") return true;
    if (raw === "false" || raw === "0") return false;
    throw new UsageError(`--${flag} expects true or false, got "${raw}"`);
  }
  return raw;
}

export interface ParsedArgv {
  values: Record<string, unknown>;
  positionals: string[];
  help: boolean;
  json: boolean;
  config?: string;
}

/** Parses argv against the command's flags. Unknown flags are errors naming the closest known one. */
export function parseArgv(argv: string[], flags: FlagInfo[]): ParsedArgv {
  const byFlag = new Map(flags.map((f) => [f.flag, f]));
  const out: ParsedArgv = { values: {}, positionals: [], help: false, json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") {
      out.positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith("--")) {
      if (a === "-h") out.help = true;
      else out.positionals.push(a);
      continue;
    }
    let name = a.slice(2);
    let inline: string | undefined;
    const eq = name.indexOf("=");
    if (eq >= 0) {
      inline = name.slice(eq + 1);
      name = name.slice(0, eq);
    }
    if (name === "help") {
      out.help = true;
      continue;
    }
    if (name === "json" && !byFlag.has("json")) {
      out.json = inline === undefined ? true : inline !== "false";
      continue;
    }
    if (name === "config" && !byFlag.has("config")) {
      out.config = inline ?? argv[++i];
      if (out.config === undefined) throw new UsageError("--config needs a file");
      continue;
    }
    let f = byFlag.get(name);
    let negated = false;
    if (!f && name.startsWith("no-")) {
      f = byFlag.get(name.slice(3));
      negated = f?.kind === "boolean";
      if (!negated) f = undefined;
    }
    if (!f) throw new UsageError(`unknown flag --${name}${suggest(name, flags)}; see --help`);
    if (f.kind === "boolean") {
      out.values[f.key] = negated ? false : inline === undefined ? true : coerce(inline, "boolean", f.flag);
      continue;
    }
    const raw = inline ?? argv[++i];
    if (raw === undefined) throw new UsageError(`--${f.flag} needs a value`);
    if (f.kind === "array") {
      const list = (out.values[f.key] as unknown[] | undefined) ?? [];
      list.push(coerce(raw, f.item, f.flag));
      out.values[f.key] = list;
    } else {
      out.values[f.key] = coerce(raw, f.kind, f.flag);
    }
  }
  return out;
}

/** " (did you mean --x?)" for the known flag closest to a misspelt one, or "". */
function suggest(name: string, flags: FlagInfo[], prefix = "--"): string {
  const near = flags.map((x) => x.flag).find((x) => x.startsWith(name.slice(0, 3)));
  return near ? ` (did you mean ${prefix}${near}?)` : "";
}

/**
 * Reads a YAML or JSON config file; keys may be kebab-case or camelCase. An unknown key is an
 * error with the same suggestion a misspelt flag gets — a typo must not be silently ignored.
 */
export function readConfigFile(path: string, flags: FlagInfo[]): Record<string, unknown> {
  let data: unknown;
  try {
    data = parseYaml(readFileSync(path, "utf8"));
  } catch (e) {
    // one line: a missing file in words, a YAML error's first line (it names line and column)
    const err = e as NodeJS.ErrnoException;
    const why = err.code === "ENOENT" ? "no such file" : err.code === "EISDIR" ? "it is a directory" : err.code && err.code.startsWith("E") && !("linePos" in err) ? `cannot read it (${err.code})` : err.message.split("\n")[0].replace(/:$/, "");
    throw new UsageError(`config file ${path}: ${why}`);
  }
  if (data === null || typeof data !== "object" || Array.isArray(data)) throw new UsageError(`config file ${path}: expected a mapping of option names to values`);
  const known = new Set(flags.map((f) => f.key));
  const unknown = Object.keys(data as object).filter((k) => !known.has(camel(k)));
  if (unknown.length) throw new UsageError(`config file ${path}: unknown option "${unknown[0]}"${suggest(kebab(camel(unknown[0])), flags, "")}; see --help`);
  return Object.fromEntries(Object.entries(data as Record<string, unknown>).map(([k, v]) => [camel(k), v]));
}

/** Validates merged values, turning zod issues into one message that names the flags. */
export function validate<S extends z.ZodObject>(schema: S, values: Record<string, unknown>): z.infer<S> {
  const r = schema.safeParse(values);
  if (r.success) return r.data;
  const lines = r.error.issues.map((iss) => {
    const key = iss.path.length ? `--${kebab(String(iss.path[0]))}${iss.path.length > 1 ? "." + iss.path.slice(1).join(".") : ""}` : "options";
    return `  ${key}: ${iss.message}`;
  });
  throw new UsageError(`invalid options:\n${lines.join("\n")}`);
}
