// What remote sampling and remote scoring share: tokenize the input here (tokenize job), check
// every server's tokenizer against ours, then send each tokenized item to the pool and write its
// records in input order, resumable by record id (ordered-output.ts), with a progress line of
// request/token throughput. The caller says what one item becomes (`work`).
import { mkdirSync, rmSync } from "node:fs";
import type { z } from "zod";
import type { ChatSpec } from "../engine/jobs/common.ts";
import type { tokenizeRecord } from "../engine/jobs/tokenize.ts";
import { nullProgress, type Progress } from "../io/progress.ts";
import { runOrdered } from "./ordered-output.ts";
import { servedModel, type Remote } from "./remote-backend.ts";
import { throughput } from "./throughput.ts";
import { checkProbeAll, readTokenized, tokenizeFile, type Tokenized } from "./tokenizer-bridge.ts";

type TokenizedItem = z.output<typeof tokenizeRecord>;

export interface RemoteRun<S extends z.ZodType> {
  r: Remote;
  model: string;
  input: string;
  output: string;
  tokenize: { chat: ChatSpec; noPrompt?: boolean; appendEos?: boolean };
  /** Settings that decide the records: a partial output of other settings is discarded. */
  fingerprint: Record<string, unknown>;
  record: S;
  /** Items in flight: at least this, else four per pool slot. */
  minWindow: number;
  progress?: Progress;
  log?: (m: string) => void;
  /** One tokenized item → its records and the tokens it cost (for the throughput line). */
  work(t: TokenizedItem, served: string, tok: Tokenized): Promise<{ records: z.output<S>[]; tokens: number }>;
}

export interface RemoteRunResult {
  records: number;
  resumed: number;
  tokens: number;
  seconds: number;
  served: string;
}

export async function runRemote<S extends z.ZodType<{ id: string }>>(o: RemoteRun<S>): Promise<RemoteRunResult> {
  const progress = o.progress ?? nullProgress;
  const work = `${o.output}.tokens`;
  mkdirSync(work, { recursive: true });
  const served = await servedModel(o.r);
  const tok = await tokenizeFile({ model: o.model, input: o.input, workDir: work, ...o.tokenize });
  await checkProbeAll(o.r, served, tok.result.probe, o.log);
  const started = Date.now();
  let tokens = 0;
  let requests = 0;
  const out = await runOrdered({
    output: o.output,
    fingerprint: { backend: o.r.dialect.kind, model: o.model, served, ...o.fingerprint },
    record: o.record,
    itemId: (rec) => rec.id,
    items: readTokenized(tok.path),
    idOf: (t) => t.id,
    window: Math.max(o.minWindow, 4 * o.r.pool.capacity),
    log: o.log,
    onDone: (recs, resumed) => {
      if (resumed) progress.tick(recs.length, "resumed");
      else progress.tick(recs.length, throughput(started, requests, tokens, o.r.pool.stats));
    },
    work: async (t) => {
      const got = await o.work(t, served, tok);
      requests++;
      tokens += got.tokens;
      return got.records;
    },
  });
  rmSync(work, { recursive: true, force: true });
  progress.finish();
  return { records: out.records, resumed: out.resumedRecords, tokens, seconds: (Date.now() - started) / 1000, served };
}
