// Reading self-samples for rft and explore, in either shape `oxa sample` writes: one row per sample
// (`response`) or one row per prompt with a list (`responses`, the response field's name plus "s").
// Each sample gives the question, the gold answer, the response and the problem it belongs to, each
// field named by a flag and checked with file, line and field in the error.
import { createHash } from "node:crypto";
import { z } from "zod";
import { InputError } from "../io/errors.ts";
import { field, readRecords } from "../io/records.ts";

export const selfSampleFlags = {
  promptField: z.string().default("prompt").describe("field holding the question (the user message the sample answered)"),
  responseField: z.string().default("response").describe("field holding the sampled rationale (or, with an s added, a list of them: the list shape of `oxa sample`)"),
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
  /** A stable id: the row's line (1-based) in its file, with "#i" for sample i of a list row. */
  id: string;
  /** Position in the file (0-based, over all samples): the input order. */
  order: number;
  problemId: string;
  question: string;
  gold: string;
  response: string;
}

/** The problem id when a row has none: a digest of the question, so samples of one question group together. */
export const questionId = (q: string): string => "q" + createHash("sha256").update(q).digest("hex").slice(0, 16);

export async function* readSelfSamples(path: string, f: SampleFields): AsyncGenerator<SelfSample> {
  let order = 0;
  for await (const src of readRecords(path)) {
    const question = field(src, f.promptField, "string");
    if (question.trim() === "") throw new InputError("empty question", { file: src.file, line: src.line, field: f.promptField });
    const listField = f.responseField + "s";
    const list = src.row[f.responseField] === undefined && src.row[listField] !== undefined;
    const responses = list ? field(src, listField, "array") : [field(src, f.responseField, "string")];
    responses.forEach((r, i) => {
      if (typeof r !== "string") throw new InputError(`expected a string, got ${typeof r}`, { file: src.file, line: src.line, field: `${listField}[${i}]` });
    });
    const goldRaw = src.row[f.goldField];
    if (typeof goldRaw !== "string" && typeof goldRaw !== "number") {
      throw new InputError(goldRaw === undefined || goldRaw === null ? "missing field" : "expected a string or number", { file: src.file, line: src.line, field: f.goldField });
    }
    const id = src.row[f.idField];
    if (id !== undefined && id !== null && typeof id !== "string" && typeof id !== "number") {
      throw new InputError("expected a string or number", { file: src.file, line: src.line, field: f.idField });
    }
    const problemId = id === undefined || id === null ? questionId(question) : String(id);
    for (const [i, response] of (responses as string[]).entries()) {
      yield { id: list ? `${src.line}#${i}` : String(src.line), order: order++, problemId, question, gold: String(goldRaw), response };
    }
  }
}
