// The verifier options rft, explore and pairs share, spelt as eval spells them (--verify-mode, ...)
// and taken from the verifier's own schema so each default is written once (verify/options.ts).
import { z } from "zod";
import { VerifierPool, verifyOptionsSchema as V } from "../verify/index.ts";

export const verifyFlags = {
  verifyMode: V.shape.mode,
  verifyThink: V.shape.think,
  verifyListOrder: V.shape.listOrder,
  verifyTimeoutMs: V.shape.timeoutMs,
  verifyWorkers: z.number().int().min(1).optional().describe("verifier worker threads (default: one per core, less one)"),
};

export interface VerifyFlags {
  verifyMode: z.output<typeof V.shape.mode>;
  verifyThink: z.output<typeof V.shape.think>;
  verifyListOrder: z.output<typeof V.shape.listOrder>;
  verifyTimeoutMs: number;
  verifyWorkers?: number;
}

/** The one verifier, as a pool of workers with these options (close it when done). */
export const verifierFor = (c: VerifyFlags): VerifierPool =>
  new VerifierPool({ workers: c.verifyWorkers, verify: { mode: c.verifyMode, think: c.verifyThink, listOrder: c.verifyListOrder, timeoutMs: c.verifyTimeoutMs } });
