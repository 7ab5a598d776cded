// The `mix` stage: CE rows (the selection) and UL rows (the mined errors) become one training
// file, streamed row by row in file order — CE files first, then UL files. Which record lands in
// which global batch is decided later by the batch schedule (src/train), so no shuffle here.
// Optional exports in LLaMA-Factory's alpaca JSON and in chat `messages` JSONL.
import { AtomicJsonlWriter, OutputGroup } from "../io/atomic.ts";
import { UsageError } from "../io/errors.ts";
import { readRecords } from "../io/records.ts";
import { nullProgress, type Progress, type StartProgress } from "../io/progress.ts";
import { AtomicJsonArrayWriter } from "./json-array-writer.ts";
import { REASONING_SUFFIX } from "./reasoning-suffix.ts";
import { toAlpaca, toMessages, trainingRecord, type LossType, type RecordFields, type TrainingRecord } from "./training-record.ts";

export interface MixRun {
  ce: readonly string[];
  ul: readonly string[];
  out: string;
  alpaca?: string;
  messages?: string;
  suffix?: string;
  fields?: RecordFields;
  progress?: StartProgress;
}

export interface MixResult {
  out: string;
  alpaca?: string;
  messages?: string;
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

function sink(writer: AtomicJsonlWriter | AtomicJsonArrayWriter, shape: (r: TrainingRecord) => unknown): Sink {
  return { write: (r) => writer.write(shape(r)), close: () => writer.close(), abort: () => writer.abort() };
}

export async function runMix(o: MixRun): Promise<MixResult> {
  if (o.ce.length + o.ul.length === 0) throw new UsageError("give at least one --ce or --ul file");
  const fields = o.fields ?? { query: "query", response: "response" };
  const suffix = o.suffix ?? REASONING_SUFFIX;
  // the training file and its exports appear together or not at all
  const group = new OutputGroup();
  const sinks: Sink[] = [sink(new AtomicJsonlWriter(o.out, group), (r) => r)];
  if (o.alpaca) sinks.push(sink(new AtomicJsonArrayWriter(o.alpaca, group), toAlpaca));
  if (o.messages) sinks.push(sink(new AtomicJsonlWriter(o.messages, group), toMessages));
  const counts = { ce: 0, ul: 0 };
  let sourceIds = 0;
  const bar = (o.progress ?? (() => nullProgress))("mixing");
  try {
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
  return { out: o.out, alpaca: o.alpaca, messages: o.messages, ce: counts.ce, ul: counts.ul, total: counts.ce + counts.ul, sourceIds };
}
