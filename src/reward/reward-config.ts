// The config of `oxa reward-server`: where it listens, its limits, and the verifier's options under
// the verify-* names eval uses (each bound from verify/options.ts, written once there).
import { z } from "zod";
import { verifyOptionsSchema as V, type VerifyOptions } from "../verify/index.ts";

export const rewardServerConfig = z.object({
  port: z.number().int().min(0).max(65535).default(8000).describe("TCP port (0: any free port, printed at start)"),
  host: z.string().default("127.0.0.1").describe("address to listen on (0.0.0.0 to serve other machines)"),
  verifyMode: V.shape.mode.removeDefault().default("strict").describe("strict (the default here, as in eval): only a \\boxed{} answer earns reward; lenient: without a box, the answer a careful reader would take"),
  verifyThink: V.shape.think.removeDefault().default("require").describe("require (the default here, the paper's reward): only the text after the last </think> counts and a response without one scores 0; after: the same, but a response with no think tags at all is read whole; ignore: read the whole response"),
  verifyPercent: V.shape.percent,
  verifyRoundingDigits: V.shape.roundingDigits,
  verifyListOrder: V.shape.listOrder,
  verifyTimeoutMs: V.shape.timeoutMs.describe("time limit per response; past it the verifier's worker is killed and the response scores 0 (verdict timeout)"),
  workers: z.number().int().min(1).optional().describe("verifier worker threads (default: one per core, less one for the server)"),
  maxBodyBytes: z.number().int().positive().default(16 * 1024 * 1024).describe("largest request body accepted (413 beyond)"),
  maxBatch: z.number().int().positive().default(8192).describe("most items in one request (413 beyond)"),
  maxQueued: z.number().int().positive().default(100_000).describe("most items waiting for the verifier at once; a request that would exceed it gets 503 and Retry-After"),
});

export type RewardServerConfig = z.output<typeof rewardServerConfig>;

/** The verifier's options out of the server's verify-* flags. */
export function rewardVerifyOptions(c: RewardServerConfig): VerifyOptions {
  return { mode: c.verifyMode, think: c.verifyThink, percent: c.verifyPercent, roundingDigits: c.verifyRoundingDigits, listOrder: c.verifyListOrder, timeoutMs: c.verifyTimeoutMs };
}
