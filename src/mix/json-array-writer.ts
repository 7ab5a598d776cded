// A streaming writer of one JSON array (LLaMA-Factory reads .json datasets as a list), atomic
// like AtomicJsonlWriter: the file appears at `path` only after close(). Elements are written
// one per line so that a person can still read and diff the file.
import { createWriteStream, mkdirSync, renameSync, rmSync, type WriteStream } from "node:fs";
import { basename, dirname, join } from "node:path";
import { once } from "node:events";

export class AtomicJsonArrayWriter {
  private readonly stream: WriteStream;
  private readonly tmp: string;
  count = 0;

  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.tmp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}`);
    this.stream = createWriteStream(this.tmp);
    this.stream.write("[");
  }

  async write(value: unknown): Promise<void> {
    const text = (this.count++ === 0 ? "\n" : ",\n") + JSON.stringify(value);
    if (!this.stream.write(text)) await once(this.stream, "drain");
  }

  async close(): Promise<void> {
    this.stream.end(this.count === 0 ? "]\n" : "\n]\n");
    await once(this.stream, "finish");
    renameSync(this.tmp, this.path);
  }

  async abort(): Promise<void> {
    this.stream.on("error", () => {}); // see AtomicJsonlWriter.abort
    this.stream.destroy();
    if (!this.stream.closed) await new Promise<void>((resolve) => this.stream.once("close", () => resolve()));
    rmSync(this.tmp, { force: true });
  }
}
