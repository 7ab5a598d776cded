// Atomic file output: everything is written to a temporary sibling (".<name>.tmp-<pid>") and
// renamed into place, so a reader never sees half a file and a failed or killed run leaves the old
// file (or none) intact. Temporary files never outlive their writer: a failed write removes its
// own, the process removes the live ones on every exit it can see (errors, Ctrl-C, SIGTERM:
// bin/oxa.mjs turns signals into exits), and the next writer of the same path sweeps those a
// killed process (kill -9, power loss) left behind.
import { createWriteStream, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync, type WriteStream } from "node:fs";
import { basename, dirname, join } from "node:path";
import { once } from "node:events";
import { processAlive } from "../common/process-identity.ts";

const live = new Set<string>();
let exitHooked = false;

/** Removes ".<name>.tmp-<pid>" siblings of `path` whose process is gone. */
function sweepStale(path: string): void {
  const prefix = `.${basename(path)}.tmp-`;
  for (const name of readdirSync(dirname(path))) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length));
    if (Number.isInteger(pid) && pid !== process.pid && !processAlive(pid)) rmSync(join(dirname(path), name), { force: true });
  }
}

/** A registered temporary sibling of `path` (parents created, stale temporaries swept). */
export function tempFor(path: string): string {
  mkdirSync(dirname(path), { recursive: true });
  sweepStale(path);
  if (!exitHooked) {
    exitHooked = true;
    process.on("exit", () => {
      for (const t of live) rmSync(t, { force: true });
    });
  }
  const tmp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}`);
  live.add(tmp);
  return tmp;
}

/** A file-system error of a temporary file names the output it was for (a write error names none). */
function naming(e: unknown, path: string): unknown {
  const err = e as NodeJS.ErrnoException;
  if (err && typeof err.code === "string") err.path = path;
  return e;
}

/** Renames a finished temporary file (from tempFor) into place. */
export function commitTemp(tmp: string, path: string): void {
  commit(tmp, path);
}

/** Removes a temporary file (from tempFor) after a failed write. */
export function discardTemp(tmp: string): void {
  discard(tmp);
}

function commit(tmp: string, path: string): void {
  renameSync(tmp, path);
  live.delete(tmp);
}

function discard(tmp: string): void {
  rmSync(tmp, { force: true });
  live.delete(tmp);
}

/** Writes a whole file atomically. */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const tmp = tempFor(path);
  try {
    writeFileSync(tmp, data);
    commit(tmp, path);
  } catch (e) {
    discard(tmp);
    throw naming(e, path);
  }
}

export function writeJsonAtomic(path: string, value: unknown): void {
  writeFileAtomic(path, JSON.stringify(value, null, 2) + "\n");
}

/**
 * Outputs that appear together or not at all (a selection, its summary and its picture): each is
 * written to its temporary file, and all are renamed into place only by commit(). A failure in
 * any of them (a full disk while drawing the picture) leaves none claiming to be complete.
 */
export class OutputGroup {
  private readonly pending: { tmp: string; path: string }[] = [];

  /** Takes a finished temporary file of the group (from a writer created with this group). */
  stage(tmp: string, path: string): void {
    this.pending.push({ tmp, path });
  }

  file(path: string, data: string | Uint8Array): void {
    const tmp = tempFor(path);
    try {
      writeFileSync(tmp, data);
    } catch (e) {
      discard(tmp);
      throw naming(e, path);
    }
    this.stage(tmp, path);
  }

  json(path: string, value: unknown): void {
    this.file(path, JSON.stringify(value, null, 2) + "\n");
  }

  commit(): void {
    for (const p of this.pending.splice(0)) commit(p.tmp, p.path);
  }

  discard(): void {
    for (const p of this.pending.splice(0)) discard(p.tmp);
  }

  /** Runs `fill` and commits the group, or discards every staged file when `fill` fails. */
  async all<T>(fill: (group: OutputGroup) => Promise<T>): Promise<T> {
    try {
      const r = await fill(this);
      this.commit();
      return r;
    } catch (e) {
      this.discard();
      throw e;
    }
  }
}

/** A streaming text file whose contents appear at `path` only after `close()`. */
export class AtomicTextWriter {
  private readonly stream: WriteStream;
  private readonly tmp: string;
  private closed = false;

  /** With a group, close() stages the finished file in it instead of renaming it into place. */
  constructor(
    readonly path: string,
    private readonly group?: OutputGroup,
  ) {
    this.tmp = tempFor(path);
    this.stream = createWriteStream(this.tmp);
  }

  /** Awaits only when the stream asks for back-pressure; a write error (disk full) rejects. */
  async write(text: string): Promise<void> {
    try {
      if (!this.stream.write(text)) await once(this.stream, "drain");
    } catch (e) {
      throw naming(e, this.path);
    }
  }

  /** Ends the file with `trailer` and renames it into place; on failure removes it and rethrows. */
  async close(trailer = ""): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      this.stream.end(trailer);
      await once(this.stream, "finish");
      if (this.group) this.group.stage(this.tmp, this.path);
      else commit(this.tmp, this.path);
    } catch (e) {
      await this.destroy();
      throw naming(e, this.path);
    }
  }

  /** Drops the temporary file (on failure); the destination is left untouched. */
  async abort(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.destroy();
  }

  private async destroy(): Promise<void> {
    // A stream destroyed while still opening would otherwise emit ERR_STREAM_DESTROYED for its
    // buffered writes (an uncaught error) and create the temporary file after it was removed.
    this.stream.on("error", () => {});
    this.stream.destroy();
    if (!this.stream.closed) await new Promise<void>((resolve) => this.stream.once("close", () => resolve()));
    discard(this.tmp);
  }
}

/** A streaming JSONL writer whose output appears at `path` only after `close()`. */
export class AtomicJsonlWriter {
  private readonly text: AtomicTextWriter;
  count = 0;

  constructor(
    readonly path: string,
    group?: OutputGroup,
  ) {
    this.text = new AtomicTextWriter(path, group);
  }

  /** Writes one record; awaits only when the stream asks for back-pressure. */
  write(record: unknown): Promise<void> {
    this.count++;
    return this.text.write(JSON.stringify(record) + "\n");
  }

  close(): Promise<void> {
    return this.text.close();
  }

  abort(): Promise<void> {
    return this.text.abort();
  }
}

/** Anything written atomically: it appears at its path on `close()`, and `abort()` leaves nothing. */
export interface AtomicOutput {
  close(): Promise<void>;
  abort(): Promise<void>;
}

/**
 * Fills an atomic output and closes it; if filling or closing fails, aborts it (nothing half-written
 * remains) and rethrows. The one place of the close-or-abort rule every writer of a whole file follows.
 */
export async function writeAllOrNothing<W extends AtomicOutput>(out: W, fill: (out: W) => Promise<void>): Promise<W> {
  try {
    await fill(out);
    await out.close();
  } catch (e) {
    await out.abort();
    throw e;
  }
  return out;
}
