// Reading self-samples (the rows `oxa sample` writes, one per sample) for rft and explore: the
// question, the gold answer, the sampled response and the problem it belongs to, each field named
// by a flag and checked with file, line and field in the error.
import { createHash } from "node:crypto";
import { z } from "zod";
import { InputError } from "../io/errors.ts";
import { field, readRecords } from "../io/records.ts";

export const selfSampleFlags = {
  promptField: z.string().default("prompt").describe("field holding the question (the user message the sample answered)"),
  responseField: z.string().default("response").describe("field holding the sampled rationale"),
  goldField: z.string().default("gold").describe("field holding the gold answer"),
  idField: z.string().default("id").describe("field holding the problem id (when a row lacks it, the question text identifies the problem)"),
};

export interface SampleFields {
  promptField: string;
  responseField: string;
  goldField: string;
  idField: string;
}

export interface SelfSample {
  /** The row's line (1-based) in its file: a sample's id that is stable across reruns. */
  line: number;
  problemId: string;
  question: string;
  gold: string;
  response: string;
}

/** The problem id when a row has none: a digest of the question, so samples of one question group together. */
export const questionId = (q: string): string => "q" + createHash("sha256").update(q).digest("hex").slice(0, 16);

export async function* readSelfSamples(path: string, f: SampleFields): AsyncGenerator<SelfSample> {
  for await (const src of readRecords(path)) {
    const question = field(src, f.promptField, "string");
    if (question.trim() === "") throw new InputError("empty question", { file: src.file, line: src.line, field: f.promptField });
    const response = field(src, f.responseField, "string");
    const goldRaw = src.row[f.goldField];
    if (typeof goldRaw !== "string" && typeof goldRaw !== "number") {
      throw new InputError(goldRaw === undefined || goldRaw === null ? "missing field" : "expected a string or number", { file: src.file, line: src.line, field: f.goldField });
    }
    const id = src.row[f.idField];
    if (id !== undefined && id !== null && typeof id !== "string" && typeof id !== "number") {
      throw new InputError("expected a string or number", { file: src.file, line: src.line, field: f.idField });
    }
    yield { line: src.line, problemId: id === undefined || id === null ? questionId(question) : String(id), question, gold: String(goldRaw), response };
  }
}
