// What each demo arm trained on: counts, the mean PPL of its CE traces under the base model, and
// which teacher styles they came from (the world tags every trace with its style) — the quickest
// way to see that OXA picks the traces the base finds hard.
import { join } from "node:path";
import { readRecords } from "../io/records.ts";
import { ARMS, armStages } from "./demo-pipeline.ts";

export interface ArmData {
  ce: number;
  ul: number;
  mean_ppl_ce: number;
  styles: Record<string, number>;
}


/** The style of a selected trace: select keeps the trace's position among its query's responses. */
function styleOf(row: Record<string, unknown>): string | null {
  const styles = row.styles;
  const i = row.response_index;
  return Array.isArray(styles) && typeof i === "number" && i < styles.length ? String(styles[i]) : null;
}

export async function armData(path: string): Promise<ArmData> {
  const d: ArmData = { ce: 0, ul: 0, mean_ppl_ce: 0, styles: {} };
  let pplSum = 0;
  for await (const { row } of readRecords(path)) {
    if (row.loss_type === 1) {
      d.ul++;
      continue;
    }
    d.ce++;
    pplSum += Number(row.ppl);
    const s = styleOf(row);
    if (s) d.styles[s] = (d.styles[s] ?? 0) + 1;
  }
  d.mean_ppl_ce = d.ce ? pplSum / d.ce : NaN;
  return d;
}

/** Every arm's training data; `name` maps a single-seed stage name to the one of the seed read. */
export async function armSummaries(runDir: string, name: (stage: string) => string = (s) => s): Promise<Record<string, ArmData>> {
  const out: Record<string, ArmData> = {};
  for (const arm of ARMS) out[arm] = await armData(join(runDir, name(armStages(arm).data), "out", "train.jsonl"));
  return out;
}
