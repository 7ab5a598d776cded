// `${...}` references inside a stage's parameters, and their substitution. A value that is one
// whole reference keeps the referenced value's type (a number stays a number); a reference
// inside a longer string is spliced in as text. `$${` writes a literal `${`.
//
//   ${run}                      the run directory
//   ${out}                      this stage's output directory (<run>/<stage>/out)
//   ${stage}                    this stage's name
//   ${vars.NAME}                a pipeline variable
//   ${stages.NAME.out}          an earlier stage's output directory
//   ${stages.NAME.result.PATH}  a field of an earlier stage's result (dotted path)

export type Ref =
  | { kind: "run" }
  | { kind: "out" }
  | { kind: "stage" }
  | { kind: "var"; name: string }
  | { kind: "stageOut"; stage: string }
  | { kind: "stageResult"; stage: string; path: string[] };

const PATTERN = /\$\$\{|\$\{([^}]*)\}/g;

/** Parses the inside of `${...}`; throws a message saying what is allowed. */
export function parseRef(body: string): Ref {
  const parts = body.trim().split(".");
  if (parts.length === 1 && (parts[0] === "run" || parts[0] === "out" || parts[0] === "stage")) return { kind: parts[0] } as Ref;
  if (parts[0] === "vars" && parts.length === 2 && parts[1]) return { kind: "var", name: parts[1] };
  if (parts[0] === "stages" && parts.length >= 3 && parts[1]) {
    if (parts[2] === "out" && parts.length === 3) return { kind: "stageOut", stage: parts[1] };
    if (parts[2] === "result") return { kind: "stageResult", stage: parts[1], path: parts.slice(3) };
  }
  throw new Error(`unknown reference \${${body}}: use \${run}, \${out}, \${stage}, \${vars.NAME}, \${stages.NAME.out} or \${stages.NAME.result.FIELD}`);
}

/** Every reference in a value (strings inside arrays and objects included). */
export function refsIn(value: unknown): Ref[] {
  if (typeof value === "string") return [...value.matchAll(PATTERN)].filter((m) => m[1] !== undefined).map((m) => parseRef(m[1]));
  if (Array.isArray(value)) return value.flatMap(refsIn);
  if (value && typeof value === "object") return Object.values(value).flatMap(refsIn);
  return [];
}

/** Replaces every reference using `lookup`. */
export function substitute(value: unknown, lookup: (ref: Ref) => unknown): unknown {
  if (typeof value === "string") {
    const whole = value.match(/^\$\{([^}]*)\}$/);
    if (whole) return lookup(parseRef(whole[1]));
    return value.replace(PATTERN, (m, body: string | undefined) => {
      if (body === undefined) return "${";
      const v = lookup(parseRef(body));
      return typeof v === "string" ? v : JSON.stringify(v);
    });
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, lookup));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, lookup)]));
  return value;
}

/** Walks a dotted path into a result object; undefined when a step is missing. */
export function pick(value: unknown, path: readonly string[]): unknown {
  let cur = value;
  for (const p of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}
