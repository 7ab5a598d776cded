// Verifier options and their defaults. Every policy is a named mode so callers and docs can say
// exactly which rule decided a verdict.
import type { ExtractOptions } from "./extract-answer.ts";

export interface CompareOptions {
  /**
   * How a percent sign counts: "flexible" (default) accepts 50% as 50 or as 0.5 when only one side
   * has the sign; "value" reads 50% only as 0.5; "ignore" drops the sign (50% = 50 only).
   */
  percent?: "flexible" | "value" | "ignore";
  /**
   * A decimal written with at least this many digits after the point also matches an exact value
   * that it correctly rounds (1/3 vs 0.3333: yes; 1/3 vs 0.33: no). Default 4.
   */
  roundingDigits?: number;
  /** Relative tolerance between two non-rational values (√2·√2 vs 2, sin(π/6) vs 1/2). Default 1e-9. */
  relTol?: number;
}

export interface VerifyOptions extends ExtractOptions, CompareOptions {
  /** Time budget per item in milliseconds (cooperative in verify(); enforced by killing the worker in the pool). Default 500. */
  timeoutMs?: number;
  /** Extracted answers longer than this are not parsed. Default 4000 characters. */
  maxAnswerLength?: number;
}

export type ResolvedOptions = Required<VerifyOptions>;

export const DEFAULT_OPTIONS: ResolvedOptions = Object.freeze({
  extraction: "lenient",
  think: "after",
  percent: "flexible",
  roundingDigits: 4,
  relTol: 1e-9,
  timeoutMs: 500,
  maxAnswerLength: 4000,
});

export function resolveOptions(o: VerifyOptions = {}): ResolvedOptions {
  const r = { ...DEFAULT_OPTIONS } as ResolvedOptions;
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (r as any)[k] = v;
  return r;
}
