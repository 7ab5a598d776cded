// Verifier options: one zod schema holds every option's values, bounds, default and meaning; the
// CLI flags of `verify` (and the verify-* flags of other commands) are built from it. Every policy
// is a named mode so callers and docs can say exactly which rule decided a verdict.
import { z } from "zod";
import { VERIFY_MODES } from "./mode.ts";

export const verifyOptionsSchema = z.object({
  mode: z
    .enum(VERIFY_MODES)
    .default("lenient")
    .describe("strict: only \\boxed{} answers count (use for selection and mining); lenient: without a box, read the answer as a careful reader would (an answer phrase in English or another language, bold, else the last math span or standalone number)"),
  think: z
    .enum(["after", "ignore", "require"])
    .default("after")
    .describe("after: read only the text after the last </think> (an unclosed <think> has no answer; a response without <think> is read whole); require: the same, but a response without </think> has no answer (the RL papers' reward: 0 unless the model closed its thinking); ignore: read the whole response"),
  percent: z
    .enum(["flexible", "value", "ignore"])
    .default("flexible")
    .describe("how 50% compares: flexible (50 or 0.5 when only one side has the sign), value (0.5 only), ignore (50 only)"),
  roundingDigits: z
    .number().int().min(0)
    .default(4)
    .describe("a decimal with at least this many decimals also matches an exact value it correctly rounds (1/3 vs 0.3333; not 0.33)"),
  listOrder: z
    .enum(["unordered", "ordered"])
    .default("unordered")
    .describe("how a bare comma list compares (1, 2 vs 2, 1): unordered (the roots or solutions of a problem; the default) or ordered (a sequence, e.g. the first terms); tuples (1, 2) are always ordered and sets never"),
  relTol: z.number().min(0).default(1e-9).describe("relative tolerance between two non-rational values (sqrt(2)*sqrt(2) vs 2)"),
  timeoutMs: z
    .number().int().min(1)
    .default(500)
    .describe("time budget per response; a worker that overruns it is terminated and the response counts as timed out"),
  maxAnswerLength: z.number().int().min(1).default(4000).describe("extracted answers longer than this many characters are not parsed"),
});

/** What callers pass: any subset (undefined = the default). */
export type VerifyOptions = z.input<typeof verifyOptionsSchema>;
export type ResolvedOptions = z.output<typeof verifyOptionsSchema>;
export type CompareOptions = Pick<VerifyOptions, "percent" | "roundingDigits" | "relTol" | "listOrder">;

export const DEFAULT_OPTIONS: Readonly<ResolvedOptions> = Object.freeze(verifyOptionsSchema.parse({}));

/** Fills defaults without re-validating (the hot path; options are validated at the edge). */
export function resolveOptions(o: VerifyOptions = {}): ResolvedOptions {
  const r = { ...DEFAULT_OPTIONS } as ResolvedOptions;
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (r as Record<string, unknown>)[k] = v;
  return r;
}
