// The `pairs` stage with its I/O: read explore's rows (and the RFT set), build the pairs, and write
// the pairs file with its exports, statistics and pit-position chart — together or not at all.
import { AtomicRowWriter } from "../io/row-writer.ts";
import { pairRowSchema } from "./pair-row-schema.ts";
import { mkdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { chatSpec } from "../engine/jobs/common.ts";
import { tokenizeRecord } from "../engine/jobs/tokenize.ts";
import { readEngineRecords } from "../engine/engine-output.ts";
import { assertModelDir } from "../engine/model-dir.ts";
import { runJob } from "../engine/run-job.ts";
import { AtomicJsonlWriter, OutputGroup } from "../io/atomic.ts";
import { UsageError } from "../io/errors.ts";
import { assertReadable } from "../io/records.ts";
import type { StartProgress } from "../io/progress.ts";
import { besideOut } from "../select/index.ts";
import { buildPairs, type Pair, type PairCounts } from "./build-pairs.ts";
import { checkExplored, exploredRow, readChecked, rftRow } from "./pair-inputs.ts";
import type { PairsConfig } from "./pairs-config.ts";
import { pitChart } from "./pit-chart.ts";

export interface PairsSummary extends PairCounts {
  out: string;
  stats: string;
  chart: string;
  trl: string | null;
  messages: string | null;
  /** Explored rationales read, and how many of them have a first pit at each step. */
  rationales: number;
  pits: Record<string, number>;
  /** Problems with at least one pair. */
  problems: number;
  /** Mean characters of the chosen and the rejected side, per kind. */
  meanChars: { step: { chosen: number; rejected: number }; outcome: { chosen: number; rejected: number } };
}

export async function runPairs(c: Readonly<PairsConfig>, ports: { progress: StartProgress }): Promise<PairsSummary> {
  assertReadable(c.explored);
  if (c.rft) assertReadable(c.rft);
  if (c.trl && !c.model) throw new UsageError("--trl needs --model: its chat template formats the prompts");
  if (c.model) assertModelDir(c.model);
  const explored = await readChecked(c.explored, exploredRow, checkExplored);
  const rft = c.rft ? await readChecked(c.rft, rftRow) : [];
  const { pairs, counts } = buildPairs(explored, rft, { kinds: c.kinds, seed: c.seed });

  const pits: Record<string, number> = {};
  for (const r of explored) if (r.pit !== null) pits[r.pit] = (pits[r.pit] ?? 0) + 1;
  const mean = (kind: Pair["kind"], side: "chosen" | "rejected") => {
    const of = pairs.filter((p) => p.kind === kind);
    return of.length ? of.reduce((n, p) => n + p[side].length, 0) / of.length : 0;
  };
  const stats = c.stats ?? besideOut(c.out, ".stats.json");
  const chart = c.chart ?? besideOut(c.out, ".pits.svg");
  const summary: PairsSummary = {
    out: c.out,
    stats,
    chart,
    trl: c.trl ?? null,
    messages: c.messages ?? null,
    ...counts,
    rationales: explored.length,
    pits,
    problems: new Set(pairs.map((p) => p.problem_id)).size,
    meanChars: { step: { chosen: mean("step", "chosen"), rejected: mean("step", "rejected") }, outcome: { chosen: mean("outcome", "chosen"), rejected: mean("outcome", "rejected") } },
  };
  const formatted = c.trl ? await formatPrompts(c, pairs, ports.progress) : null;
  await new OutputGroup().all(async (group) => {
    const write = async (path: string, rows: Iterable<unknown>) => {
      const w = path === c.out ? new AtomicRowWriter(path, { schema: pairRowSchema, format: c.format, group }) : new AtomicJsonlWriter(path, group);
      for (const r of rows) await w.write(r as Record<string, unknown>);
      await w.close();
    };
    await write(c.out, pairs);
    if (c.trl) await write(c.trl, pairs.map((p) => ({ prompt: formatted!.get(p.prompt)! + p.prefix, chosen: p.chosen, rejected: p.rejected })));
    if (c.messages) await write(c.messages, pairs.map((p) => messagesForm(p, c.systemPrompt)));
    const { out: _o, stats: _s, chart: _c, trl: _t, messages: _m, ...written } = summary;
    group.json(stats, { explored: c.explored, rft: c.rft ?? null, kinds: c.kinds, seed: c.seed, ...written });
    group.file(chart, pitChart(pits, counts.noPit, `oxa pairs: first pit position (${explored.length} wrong rationales)`));
  });
  return summary;
}

/** The chat-messages form; the shared prefix is in both assistant turns (it cancels in the DPO margin). */
export function messagesForm(p: Pair, system: string | null) {
  const head = system === null ? [] : [{ role: "system", content: system }];
  return {
    prompt: [...head, { role: "user", content: p.prompt }],
    chosen: [{ role: "assistant", content: p.prefix + p.chosen }],
    rejected: [{ role: "assistant", content: p.prefix + p.rejected }],
  };
}

/** Each distinct prompt formatted by the model's chat template, as the engine's tokenize job renders it. */
async function formatPrompts(c: Readonly<PairsConfig>, pairs: readonly Pair[], progress: StartProgress): Promise<Map<string, string>> {
  const work = `${c.out}.work`;
  mkdirSync(work, { recursive: true });
  try {
    const prompts = [...new Set(pairs.map((p) => p.prompt))];
    const input = join(work, "prompts.jsonl");
    const w = new AtomicJsonlWriter(input);
    for (const [i, prompt] of prompts.entries()) await w.write({ id: String(i), prompt });
    await w.close();
    const output = join(work, "formatted.jsonl");
    await runJob("tokenize", { model: resolve(c.model!), input, output, prompt_text: true, chat: chatSpec(c) }, { workDir: work, progress: progress(`formatting ${prompts.length} prompts`, prompts.length) });
    const out = new Map<string, string>();
    for await (const r of readEngineRecords(tokenizeRecord, output, "tokenize")) out.set(prompts[Number(r.id)], r.prompt_text ?? "");
    return out;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
