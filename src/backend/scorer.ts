// The scoring backend's interface: per-response log-probabilities of a JSONL file of {id, prompt,
// response} written as the engine's score job writes them ({id, ppl, nll_sum, n_tokens,
// mean_entropy}), resumable when the output is partial. A remote scorer cannot compute the exact
// entropy (servers return top-k log-probabilities, not the whole distribution): it writes
// mean_entropy null and, when asked, mean_entropy_topk, an estimate labelled as such.
import { z } from "zod";
import { scoreRecord } from "../engine/jobs/score.ts";

export const remoteScoreRecord = scoreRecord.extend({
  mean_entropy_topk: z.number().nullable().optional().describe("mean over the response of the top-k entropy estimate (top-k exact, the rest of the mass spread evenly: an upper bound; see docs/backend.md)"),
});
