// The progress port: how a long-running stage reports how far it is. Stages know only this
// interface; the terminal renderer lives in cli/progress.ts and "off" is the null bar.
export interface Progress {
  /** Advances by n units and optionally replaces the trailing status text. */
  tick(n?: number, status?: string): void;
  /** Sets the absolute position (and total, when it becomes known). */
  update(done: number, total?: number, status?: string): void;
  finish(status?: string): void;
}

/** Starts a labelled bar; total is unknown until given. */
export type StartProgress = (label: string, total?: number) => Progress;

export const nullProgress: Progress = { tick() {}, update() {}, finish() {} };

export const noProgress: StartProgress = () => nullProgress;
