// Atomic file output: everything is written to a temporary sibling and renamed into place,
// so a reader never sees half a file and a killed run leaves the old file (or none) intact.
import { createWriteStream, mkdirSync, renameSync, rmSync, writeFileSync, type WriteStream } from "node:fs";
import { dirname, basename, join } from "node:path";
import { once } from "node:events";

function tempPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.tmp-${process.pid}`);
}

/** Writes a whole file atomically. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = tempPath(path);
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}

export function writeJsonAtomic(path: string, value: unknown): void {
  writeFileAtomic(path, JSON.stringify(value, null, 2) + "\n");
}

/** A streaming JSONL writer whose output appears at `path` only after `close()`. */
export class AtomicJsonlWriter {
  private readonly stream: WriteStream;
  private readonly tmp: string;
  private closed = false;
  count = 0;

  constructor(readonly path: string) {
    mkdirSync(dirname(path), { recursive: true });
    this.tmp = tempPath(path);
    this.stream = createWriteStream(this.tmp);
  }

  /** Writes one record; awaits only when the stream asks for back-pressure. */
  async write(record: unknown): Promise<void> {
    this.count++;
    if (!this.stream.write(JSON.stringify(record) + "\n")) await once(this.stream, "drain");
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stream.end();
    await once(this.stream, "finish");
    renameSync(this.tmp, this.path);
  }

  /** Drops the temporary file (on failure); the destination is left untouched. */
  async abort(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // A stream destroyed while still opening would otherwise emit ERR_STREAM_DESTROYED for its
    // buffered writes (an uncaught error) and create the temporary file after it was removed.
    this.stream.on("error", () => {});
    this.stream.destroy();
    if (!this.stream.closed) await new Promise<void>((resolve) => this.stream.once("close", () => resolve()));
    rmSync(this.tmp, { force: true });
  }
}
