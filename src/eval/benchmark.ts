// A benchmark file (JSON list, JSONL or Parquet of {problem, answer}, field names configurable)
// read whole into memory: benchmarks hold hundreds of problems, not millions, and every model
// is sampled on all of them. Ids come from an id field when the rows have one, else from the
// row number, so the common AIME-style `[{problem, answer}]` lists work as they are.
import { createHash } from "node:crypto";
import { basename, extname } from "node:path";
import { readRecords } from "../io/records.ts";
import { InputError } from "../io/errors.ts";
import { valueAt } from "../io/field-path.ts";

export interface Problem {
  id: string;
  problem: string;
  answer: string;
}

export interface Benchmark {
  name: string;
  path: string;
  problems: Problem[];
  /** sha256 of the problems and answers as read (after field mapping). */
  hash: string;
}

export interface BenchmarkFields {
  problem: string;
  answer: string;
  id: string;
}

/** "name=path" or "path" (the name is then the file's base name without extension). */
export function parseLabelled(spec: string): { label: string; path: string } {
  const eq = spec.indexOf("=");
  if (eq > 0 && !spec.slice(0, eq).includes("/")) return { label: spec.slice(0, eq), path: spec.slice(eq + 1) };
  const path = spec.replace(/\/+$/, "");
  return { label: basename(path, extname(path)), path };
}

function text(v: unknown): string | null {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "bigint") return String(v);
  return null;
}

export async function loadBenchmark(spec: string, fields: BenchmarkFields): Promise<Benchmark> {
  const { label, path } = parseLabelled(spec);
  const problems: Problem[] = [];
  const lines = new Map<string, number>();
  for await (const src of readRecords(path)) {
    const where = (field: string) => ({ file: src.file, line: src.line, field });
    const problem = text(valueAt(src.row, fields.problem));
    if (problem === null || problem.trim() === "") throw new InputError("missing or empty problem text (set --problem-field)", where(fields.problem));
    // Gold answers are often numbers in JSON (AIME): keep their digits as text.
    const answer = text(valueAt(src.row, fields.answer));
    if (answer === null) throw new InputError("missing answer; expected a string or number (set --answer-field)", where(fields.answer));
    const rawId = valueAt(src.row, fields.id);
    const id = rawId === undefined || rawId === null ? String(src.line) : text(rawId);
    if (id === null || id === "") throw new InputError("id must be a non-empty string or number", where(fields.id));
    if (lines.has(id)) throw new InputError(`id "${id}" repeats line ${lines.get(id)}`, where(fields.id));
    lines.set(id, src.line);
    problems.push({ id, problem, answer });
  }
  if (problems.length === 0) throw new InputError("the benchmark has no problems", { file: path });
  const hash = createHash("sha256").update(JSON.stringify(problems)).digest("hex");
  return { name: label, path, problems, hash };
}
