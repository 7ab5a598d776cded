// The config of the `oxa verify` stage: the dataset fields, the verifier's options (from
// options.ts, so each default and bound is written once) and the worker count.
import { z } from "zod";
import { outputFormatField } from "../io/output-format.ts";
import { verifyOptionsSchema as V, type VerifyOptions } from "./options.ts";

export const verifyConfig = z.object({
  input: z.string().describe("rows with a gold answer and a response (or a list of responses): .jsonl, .json or .parquet"),
  output: z.string().describe("where the rows go, with correct / predicted / reason added (JSONL or Parquet)"),
  format: outputFormatField,
  goldField: z.string().default("gold").describe("field holding the gold answer"),
  responseField: z.string().default("response").describe("field holding the response, or a list of responses (then the verdicts are lists too)"),
  mode: V.shape.mode,
  think: V.shape.think,
  percent: V.shape.percent,
  roundingDigits: V.shape.roundingDigits,
  listOrder: V.shape.listOrder,
  timeoutMs: V.shape.timeoutMs,
  workers: z.number().int().min(0).default(0).describe("worker threads (0: one per core, less one for reading and writing)"),
});

export type VerifyConfig = z.output<typeof verifyConfig>;

/** The verifier's options out of a config that holds some of them (every key of options.ts it has). */
export function verifyOptionsOf(c: Readonly<Record<string, unknown>>): VerifyOptions {
  return Object.fromEntries(Object.keys(V.shape).filter((k) => c[k] !== undefined).map((k) => [k, c[k]])) as VerifyOptions;
}
