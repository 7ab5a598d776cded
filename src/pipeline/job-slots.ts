// A counting semaphore: at most `n` holders at once, served in the order they asked. The pipeline
// runner takes one slot per running stage, and `oxa demo` shares one pool between its worlds, so
// `--jobs N` bounds the stages running in the whole process, not per pipeline.
import { availableParallelism } from "node:os";

export class JobSlots {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`job slots: expected a whole number >= 1, got ${size}`);
    this.free = size;
  }

  /** Resolves when a slot is free; the returned function gives it back (once). */
  async acquire(): Promise<() => void> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next(); // the slot passes straight to the next in line
      else this.free++;
    };
  }
}

/**
 * With several stages at once, each engine process gets an equal share of the cores (OpenMP's
 * default, every core per process, makes concurrent jobs spin against each other and run many
 * times slower). A thread count the user set is left alone. Returns the function that undoes it.
 */
function shareThreads(jobs: number): () => void {
  if (jobs === 1 || process.env.OMP_NUM_THREADS !== undefined) return () => {};
  process.env.OMP_NUM_THREADS = String(Math.max(1, Math.floor(availableParallelism() / jobs)));
  return () => void delete process.env.OMP_NUM_THREADS;
}

/** Runs `work` with a pool of `jobs` slots and the cores shared among them; the environment is restored after. */
export async function withJobSlots<T>(jobs: number, work: (slots: JobSlots) => Promise<T>): Promise<T> {
  const slots = new JobSlots(jobs);
  const restore = shareThreads(jobs);
  try {
    return await work(slots);
  } finally {
    restore();
  }
}
