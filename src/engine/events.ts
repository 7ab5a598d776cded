// The engine's event stream: one JSON object per stdout line. Parsed through tolerant schemas that
// keep only what we use, so an engine that adds fields never breaks the CLI.
import { z } from "zod";
import { rlRolloutsEvent } from "./jobs/rl.ts";

export const PROTOCOL_VERSION = 1;

const progress = z.object({ type: z.literal("progress"), done: z.number(), total: z.number().nullish(), unit: z.string().nullish(), status: z.string().nullish() });
const metric = z.object({ type: z.literal("metric") }).catchall(z.unknown());
const warning = z.object({ type: z.literal("warning"), message: z.string() });
const done = z.object({ type: z.literal("done"), result: z.record(z.string(), z.unknown()).default({}) });
const error = z.object({ type: z.literal("error"), message: z.string(), kind: z.string().nullish() });

export const engineEvent = z.discriminatedUnion("type", [progress, metric, warning, done, error, rlRolloutsEvent]);
export type EngineEvent = z.infer<typeof engineEvent>;

/** Parses one stdout line; lines that are not events (stray prints from libraries) give null. */
export function parseEvent(line: string): EngineEvent | null {
  const t = line.trim();
  if (!t.startsWith("{")) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(t);
  } catch {
    return null;
  }
  const r = engineEvent.safeParse(raw);
  return r.success ? r.data : null;
}
