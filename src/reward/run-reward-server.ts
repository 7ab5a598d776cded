// `oxa reward-server` as a stage: start the server, say where it listens, serve until SIGINT or
// SIGTERM, then shut down gracefully (the requests in flight are answered first).
import type { RewardServerConfig } from "./reward-config.ts";
import { rewardVerifyOptions } from "./reward-config.ts";
import { RewardServer } from "./reward-server.ts";

export interface RewardServerResult {
  url: string;
  requests: number;
  items: number;
  rejected: number;
  signal: string;
}

/** Serves until one of `signals` arrives. The process's own handlers for them (which exit at once)
 * are set aside meanwhile, so a Ctrl-C drains the server instead of cutting answers off. */
export async function runRewardServer(c: RewardServerConfig, log: (m: string) => void = () => {}, signals: NodeJS.Signals[] = ["SIGINT", "SIGTERM"]): Promise<RewardServerResult> {
  const server = new RewardServer({ ...c, verify: rewardVerifyOptions(c) });
  const url = await server.listen();
  log(`oxa reward-server: listening on ${url} (POST /score, POST /get_reward, GET /health) with ${server.workers} verifier workers, verify mode ${c.verifyMode}`);
  const saved = signals.map((s) => [s, process.listeners(s)] as const);
  for (const s of signals) process.removeAllListeners(s);
  const signal = await new Promise<string>((resolve) => {
    for (const s of signals) process.once(s, () => resolve(s));
  });
  for (const s of signals) process.removeAllListeners(s);
  for (const [s, ls] of saved) for (const l of ls) process.on(s, l as () => void);
  log(`oxa reward-server: ${signal}, finishing the requests in flight`);
  await server.close();
  return { url, ...server.stats, signal };
}
