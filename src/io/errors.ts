// Errors a person can act on: each names where the problem is (file, line, field) and what to do.

/** Bad user input: a file, a row or a field that cannot be used as it is. */
export class InputError extends Error {
  readonly file?: string;
  readonly line?: number;
  readonly field?: string;
  constructor(message: string, where: { file?: string; line?: number; field?: string } = {}) {
    const loc = [where.file, where.line !== undefined ? `line ${where.line}` : undefined, where.field ? `field "${where.field}"` : undefined]
      .filter(Boolean)
      .join(", ");
    super(loc ? `${loc}: ${message}` : message);
    this.name = "InputError";
    this.file = where.file;
    this.line = where.line;
    this.field = where.field;
  }
}

/** A configuration or usage problem found before any work starts (exit code 2). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** A stage of a pipeline that failed; its message names the stage and the stage's own error (exit 1). */
export class StageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StageError";
  }
}

/** A failure reported by the Python engine, carrying its own message. */
export class EngineError extends Error {
  readonly job: string;
  constructor(job: string, message: string) {
    super(`engine job "${job}" failed: ${message}`);
    this.name = "EngineError";
    this.job = job;
  }
}
