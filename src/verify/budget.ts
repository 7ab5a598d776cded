// A per-item time budget checked cooperatively inside the parser and evaluator. It is the first
// line of defence only: the worker pool also terminates a worker whose item overruns.

export class BudgetExceeded extends Error {
  constructor() {
    super("time budget exceeded");
    this.name = "BudgetExceeded";
  }
}

export class Budget {
  private count = 0;
  constructor(readonly deadline: number) {}

  static ms(ms: number): Budget {
    return new Budget(performance.now() + ms);
  }

  /** Cheap enough to call per node: reads the clock once every 64 calls. */
  check(): void {
    if ((++this.count & 63) === 0 && performance.now() > this.deadline) throw new BudgetExceeded();
  }
}
