// The pipeline file: YAML of named stages, each a command of ours (`uses`) with its parameters
// (`with`). Read once, validated with zod; every error names the file, the line and the key.
import { readFileSync } from "node:fs";
import { z } from "zod";
import { isMap, isNode, isScalar, LineCounter, parseDocument, type Document } from "yaml";
import { InputError } from "../io/errors.ts";

const NAME = /^[a-z][a-z0-9_-]*$/;

// zod reports a bad record key without saying which rule it broke; say it here, at the key.
const names = (what: string) => (rec: Record<string, unknown>, ctx: z.RefinementCtx) => {
  for (const k of Object.keys(rec)) {
    if (!NAME.test(k)) ctx.addIssue({ code: "custom", path: [k], message: `${what} names are lowercase letters, digits, - and _, starting with a letter` });
  }
};

const stageSchema = z
  .object({
    uses: z.string().min(1).describe("the command this stage runs (oxa <uses>)"),
    with: z.record(z.string(), z.unknown()).default({}).describe("the command's options; keys in kebab-case or camelCase"),
    "on-resume": z.record(z.string(), z.unknown()).default({}).describe("options added when an unfinished attempt is resumed (e.g. resume: true); not part of the cache key"),
    description: z.string().optional(),
  })
  .strict();

export const pipelineSchema = z
  .object({
    run: z.string().min(1).optional().describe("default run directory (--out overrides it)"),
    vars: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}).superRefine(names("variable")),
    stages: z
      .record(z.string(), stageSchema)
      .refine((s) => Object.keys(s).length > 0, "a pipeline needs at least one stage")
      .superRefine(names("stage")),
  })
  .strict();

export interface Stage {
  name: string;
  uses: string;
  with: Record<string, unknown>;
  onResume: Record<string, unknown>;
}

export interface Pipeline {
  file: string;
  run?: string;
  vars: Record<string, string | number | boolean>;
  stages: Stage[];
  /** The 1-based line of a key path in the file (the nearest existing parent when it is absent). */
  lineOf(path: readonly (string | number)[]): number | undefined;
}

/** "line 12, stages.score.with.top-p" — a location inside the pipeline file. */
export function where(p: Pipeline, path: readonly (string | number)[]): string {
  const line = p.lineOf(path);
  return `${line ? `line ${line}, ` : ""}${path.join(".")}`;
}

// The line of a key is where the key is written (not where its value starts).
function lineLookup(doc: Document, lc: LineCounter) {
  return (path: readonly (string | number)[]) => {
    for (let n = path.length; n >= 0; n--) {
      const parent = n > 0 ? doc.getIn(path.slice(0, n - 1), true) : undefined;
      const pair = isMap(parent) ? parent.items.find((it) => isScalar(it.key) && it.key.value === path[n - 1]) : undefined;
      const node = doc.getIn(path.slice(0, n), true);
      const offset = (isScalar(pair?.key) ? pair.key.range?.[0] : undefined) ?? (isNode(node) ? node.range?.[0] : undefined);
      if (offset !== undefined) return lc.linePos(offset).line;
    }
    return undefined;
  };
}

/** Reads and validates a pipeline file; `source` gives the YAML text directly (`file` then only names it in errors). */
export function loadPipeline(file: string, source?: string): Pipeline {
  let text: string;
  try {
    text = source ?? readFileSync(file, "utf8");
  } catch (e) {
    throw new InputError(`cannot read the pipeline file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, { file });
  }
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true });
  if (doc.errors.length) {
    const e = doc.errors[0];
    throw new InputError(e.message.split("\n")[0], { file, line: e.linePos?.[0].line });
  }
  const lineOf = lineLookup(doc, lc);
  const r = pipelineSchema.safeParse(doc.toJS());
  if (!r.success) {
    const lines = r.error.issues.map((iss) => {
      // An unknown key is reported where it is written, not at its parent.
      const path = [...iss.path, ...(iss.code === "unrecognized_keys" ? iss.keys.slice(0, 1) : [])] as (string | number)[];
      const line = lineOf(path);
      return `  ${line ? `line ${line}, ` : ""}${path.join(".") || "(top level)"}: ${iss.message}`;
    });
    throw new InputError(`invalid pipeline:\n${lines.join("\n")}`, { file });
  }
  const stages = Object.entries(r.data.stages).map(([name, s]) => ({ name, uses: s.uses, with: s.with, onResume: s["on-resume"] }));
  return { file, run: r.data.run, vars: r.data.vars, stages, lineOf };
}
