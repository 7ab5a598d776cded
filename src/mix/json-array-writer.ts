// A streaming writer of one JSON array (LLaMA-Factory reads .json datasets as a list), atomic
// like every writer of src/io/atomic.ts: the file appears at `path` only after close(). Elements
// are written one per line so that a person can still read and diff the file.
import { AtomicTextWriter, type OutputGroup } from "../io/atomic.ts";

export class AtomicJsonArrayWriter {
  private readonly text: AtomicTextWriter;
  count = 0;

  constructor(
    readonly path: string,
    group?: OutputGroup,
  ) {
    this.text = new AtomicTextWriter(path, group);
  }

  write(value: unknown): Promise<void> {
    return this.text.write((this.count++ === 0 ? "[\n" : ",\n") + JSON.stringify(value));
  }

  close(): Promise<void> {
    return this.text.close(this.count === 0 ? "[]\n" : "\n]\n");
  }

  abort(): Promise<void> {
    return this.text.abort();
  }
}
