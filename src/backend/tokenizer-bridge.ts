// Token ids built on this machine with the model's own tokenizer and chat template, through the
// engine's tokenize job (the boundary of engine/oxa_engine/chat.py, which score and generate use),
// and the once-per-run check that the server's tokenizer agrees with ours on a probe text.
import { join } from "node:path";
import { runJob } from "../engine/run-job.ts";
import { readEngineRecords } from "../engine/engine-output.ts";
import { tokenizeRecord, type TokenizeResult } from "../engine/jobs/tokenize.ts";
import type { ChatSpec } from "../engine/jobs/common.ts";
import type { Progress } from "../io/progress.ts";
import type { Dialect } from "./dialect.ts";
import type { Endpoint } from "./http-edge.ts";
import type { Remote } from "./remote-backend.ts";
import { BackendError, RetryableServerError } from "./server-errors.ts";

export interface Tokenized {
  /** JSONL of {id, prompt_ids, response_ids?}, in input order. */
  path: string;
  result: TokenizeResult;
}

export async function tokenizeFile(
  args: { model: string; input: string; workDir: string; chat: ChatSpec; noPrompt?: boolean; appendEos?: boolean },
  progress?: Progress,
): Promise<Tokenized> {
  const path = join(args.workDir, "tokens.jsonl");
  const { result } = await runJob(
    "tokenize",
    { model: args.model, input: args.input, output: path, no_prompt: args.noPrompt ?? false, append_eos: args.appendEos ?? false, chat: args.chat },
    { workDir: args.workDir, progress },
  );
  return { path, result };
}

export function readTokenized(path: string) {
  return readEngineRecords(tokenizeRecord, path, "tokenize");
}

/**
 * The probe check on every server of the pool: a server that disagrees stops the run; one that does
 * not answer now is skipped with a message (the pool marks it down if it keeps failing).
 */
export async function checkProbeAll(r: Remote, model: string, probe: TokenizeResult["probe"], log?: (m: string) => void): Promise<void> {
  await Promise.all(
    r.pool.endpoints.map(async (ep) => {
      try {
        await checkProbe(r.dialect, ep, model, probe);
      } catch (e) {
        if (!(e instanceof RetryableServerError)) throw e;
        log?.(`tokenizer probe skipped on ${ep.url}: ${e.message}`);
      }
    }),
  );
}

/** Throws BackendError naming both id lists when the server tokenizes the probe differently. */
export async function checkProbe(dialect: Dialect, ep: Endpoint, model: string, probe: TokenizeResult["probe"]): Promise<void> {
  const theirs = await dialect.tokenize(ep, model, probe.text);
  if (theirs.length === probe.ids.length && theirs.every((t, i) => t === probe.ids[i])) return;
  throw new BackendError(
    `the server's tokenizer disagrees with the model directory's on the probe ${JSON.stringify(probe.text)}: ` +
      `ours [${probe.ids.join(", ")}], server ${ep.url} [${theirs.join(", ")}] — serve the same model directory (or its exact tokenizer)`,
  );
}
