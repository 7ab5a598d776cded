// A streaming plain-text file that appears at its path only once complete (the tokenizer corpus
// is raw text, so the JSONL writer of src/io does not fit).
import { createWriteStream, mkdirSync, renameSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { once } from "node:events";

export class AtomicTextWriter {
  private readonly tmp: string;
  private readonly stream;

  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.tmp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}`);
    this.stream = createWriteStream(this.tmp);
  }

  async write(text: string): Promise<void> {
    if (!this.stream.write(text)) await once(this.stream, "drain");
  }

  async close(): Promise<void> {
    this.stream.end();
    await once(this.stream, "finish");
    renameSync(this.tmp, this.path);
  }
}
