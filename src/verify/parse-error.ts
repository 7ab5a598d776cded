// The one error the parser raises for input it cannot read; its message becomes the verdict's reason.
export class ParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ParseError";
  }
}
