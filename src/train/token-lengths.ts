// Token lengths from the engine's count-tokens pass, and the rows that fit the cutoff.
// Sequences over the cutoff are dropped (never truncated) and counted per loss type.
import { InputError } from "../io/errors.ts";
import { readRecords } from "../io/records.ts";

export interface CutoffSplit {
  ce: number[];
  ul: number[];
  dropped: { ce: number; ul: number };
  longest: number;
}

/** Reads {id, n_tokens} lines written in record order; returns n_tokens by row. */
export async function readTokenLengths(path: string, records: number): Promise<Int32Array> {
  const out = new Int32Array(records);
  let i = 0;
  for await (const src of readRecords(path)) {
    if (i >= records || typeof src.row.n_tokens !== "number") throw new InputError(`expected ${records} lines of {id, n_tokens}`, { file: path, line: src.line });
    out[i++] = src.row.n_tokens;
  }
  if (i !== records) throw new InputError(`holds ${i} lengths for ${records} records`, { file: path });
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
