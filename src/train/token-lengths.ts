// Token lengths from the engine's count-tokens pass, and the rows that fit the cutoff.
// Sequences over the cutoff are dropped (never truncated) and counted per loss type.
import { EngineError } from "../io/errors.ts";
import { readEngineRecords } from "../engine/engine-output.ts";
import { tokenCountRecord } from "../engine/jobs/count-tokens.ts";

export interface CutoffSplit {
  ce: number[];
  ul: number[];
  dropped: { ce: number; ul: number };
  longest: number;
}

/** Reads the count-tokens job's {id, n_tokens, n_prompt} lines (record order); returns n_tokens by row. */
export async function readTokenLengths(path: string, records: number): Promise<Int32Array> {
  const out = new Int32Array(records);
  let i = 0;
  for await (const row of readEngineRecords(tokenCountRecord, path, "count-tokens")) {
    if (i >= records) throw new EngineError("count-tokens", `${path}: holds more lengths than the ${records} records`);
    out[i++] = row.n_tokens;
  }
  if (i !== records) throw new EngineError("count-tokens", `${path}: holds ${i} lengths for ${records} records`);
  return out;
}

export function splitByCutoff(ce: readonly number[], ul: readonly number[], lengths: Int32Array, cutoff: number): CutoffSplit {
  const fits = (r: number) => lengths[r] <= cutoff;
  const keptCe = ce.filter(fits);
  const keptUl = ul.filter(fits);
  return {
    ce: keptCe,
    ul: keptUl,
    dropped: { ce: ce.length - keptCe.length, ul: ul.length - keptUl.length },
    longest: [...keptCe, ...keptUl].reduce((m, r) => Math.max(m, lengths[r]), 0),
  };
}
