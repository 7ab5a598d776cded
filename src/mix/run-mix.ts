// The `mix` stage: CE rows (the selection) and UL rows (the mined errors) become one training
// file, streamed row by row in file order — CE files first, then UL files. Which record lands in
// which global batch is decided later by the batch schedule (src/train), so no shuffle here.
// Optional exports: LLaMA-Factory's alpaca and sharegpt JSON (+ its dataset_info.json), chat
// `messages` JSONL and TRL's SFT rows (docs/interop.md).
import { AtomicRowWriter } from "../io/row-writer.ts";
import type { OutputFormat } from "../io/output-format.ts";
import { trainingRowSchema } from "./training-row-schema.ts";
import { AtomicJsonlWriter, OutputGroup } from "../io/atomic.ts";
import { UsageError } from "../io/errors.ts";
import { readRecords } from "../io/records.ts";
import { nullProgress, type Progress, type StartProgress } from "../io/progress.ts";
import { AtomicJsonArrayWriter } from "./json-array-writer.ts";
import { datasetInfo, toShareGpt, toTrlSft } from "./export-shapes.ts";
import { dirname, relative, resolve } from "node:path";
import { REASONING_SUFFIX } from "./reasoning-suffix.ts";
import { toAlpaca, toMessages, trainingRecord, type LossType, type RecordFields, type TrainingRecord } from "./training-record.ts";

export interface MixRun {
  ce: readonly string[];
  ul: readonly string[];
  out: string;
  /** JSONL or Parquet (default: by out's extension). */
  format?: OutputFormat;
  alpaca?: string;
  messages?: string;
  sharegpt?: string;
  trlSft?: string;
  datasetInfo?: string;
  systemPrompt?: string;
  suffix?: string;
  fields?: RecordFields;
  progress?: StartProgress;
}

export interface MixResult {
  out: string;
  alpaca?: string;
  messages?: string;
  sharegpt?: string;
  trlSft?: string;
  datasetInfo?: string;
  ce: number;
  ul: number;
  total: number;
  /** Rows that brought an id of their own: it is kept as source_id, the record's id is ce-N / ul-N. */
  sourceIds: number;
}

interface Sink {
  write(r: TrainingRecord): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
}

/** Writes each record in one shape; `keep` leaves some out (TRL's SFT gets CE rows only). */
function sink(writer: AtomicRowWriter | AtomicJsonlWriter | AtomicJsonArrayWriter, shape: (r: TrainingRecord) => never, keep: (r: TrainingRecord) => boolean = () => true): Sink {
  return { write: (r) => (keep(r) ? writer.write(shape(r)) : Promise.resolve()), close: () => writer.close(), abort: () => writer.abort() };
}

export async function runMix(o: MixRun): Promise<MixResult> {
  if (o.ce.length + o.ul.length === 0) throw new UsageError("give at least one --ce or --ul file");
  if (o.datasetInfo && !o.alpaca && !o.sharegpt) throw new UsageError("--dataset-info registers the --alpaca or --sharegpt file: give one of them");
  const fields = o.fields ?? { query: "query", response: "response" };
  const suffix = o.suffix ?? REASONING_SUFFIX;
  // the training file and its exports appear together or not at all
  const group = new OutputGroup();
  const sinks: Sink[] = [sink(new AtomicRowWriter(o.out, { schema: trainingRowSchema, format: o.format, group }), (r) => r as never)];
  const system = o.systemPrompt;
  if (o.alpaca) sinks.push(sink(new AtomicJsonArrayWriter(o.alpaca, group), (r) => toAlpaca(r, system) as never));
  if (o.messages) sinks.push(sink(new AtomicJsonlWriter(o.messages, group), (r) => toMessages(r, system) as never));
  if (o.sharegpt) sinks.push(sink(new AtomicJsonArrayWriter(o.sharegpt, group), (r) => toShareGpt(r, system) as never));
  if (o.trlSft) sinks.push(sink(new AtomicJsonlWriter(o.trlSft, group), (r) => toTrlSft(r, system) as never, (r) => r.loss_type === 0));

  const counts = { ce: 0, ul: 0 };
  let sourceIds = 0;
  const bar = (o.progress ?? (() => nullProgress))("mixing");
  try {
    if (o.datasetInfo) {
      const rel = (f?: string) => (f ? relative(dirname(resolve(o.datasetInfo!)), resolve(f)) : undefined);
      group.json(o.datasetInfo, datasetInfo({ alpaca: rel(o.alpaca), sharegpt: rel(o.sharegpt) }, o.systemPrompt !== undefined));
    }
    const sources: [string, LossType][] = [...o.ce.map((f) => [f, 0] as [string, LossType]), ...o.ul.map((f) => [f, 1] as [string, LossType])];
    for (const [file, lossType] of sources) {
      const kind = lossType === 0 ? "ce" : "ul";
      for await (const src of readRecords(file)) {
        const rec = trainingRecord(src, lossType, `${kind}-${counts[kind]++}`, fields, suffix);
        if (rec.source_id !== undefined) sourceIds++;
        for (const s of sinks) await s.write(rec);
        bar.tick();
      }
    }
    for (const s of sinks) await s.close();
    group.commit();
  } catch (e) {
    for (const s of sinks) await s.abort();
    group.discard();
    throw e;
  } finally {
    bar.finish();
  }
  return { out: o.out, alpaca: o.alpaca, messages: o.messages, sharegpt: o.sharegpt, trlSft: o.trlSft, datasetInfo: o.datasetInfo, ce: counts.ce, ul: counts.ul, total: counts.ce + counts.ul, sourceIds };
}
