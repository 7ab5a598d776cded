// Worker-thread side of the VerifierPool: verifies batches of (gold, response) items and marks in
// shared memory which item it is on and since when, so the pool can terminate it if one overruns.
import { parentPort, workerData } from "node:worker_threads";
import type { VerifyOptions } from "./options.ts";
import { verify } from "./verify.ts";

export interface WorkerInit {
  options: VerifyOptions;
  /** Float64Array over a SharedArrayBuffer: [start time (ms since epoch) of the current item or 0, its index in the batch, the batch id]. */
  shared: SharedArrayBuffer;
}

export interface BatchRequest {
  batch: number;
  items: [gold: string, response: string][];
}

const init = workerData as WorkerInit;
const clock = new Float64Array(init.shared);

// Warm the parser and evaluator before the first real item, so a fresh worker's cold start is not
// charged to that item's budget.
for (const [g, r] of [["\\frac{1}{2}", "\\boxed{0.5}"], ["(x+1)^2", "\\boxed{x^2+2x+1}"], ["[1,2)", "so \\boxed{[1,2)}"], ["\\{1,2\\}", "Answer: 2, 1"]]) {
  for (let k = 0; k < 20; k++) verify(g, r, init.options);
}

parentPort!.on("message", (req: BatchRequest) => {
  clock[2] = req.batch;
  const verdicts = req.items.map(([gold, response], i) => {
    clock[1] = i;
    clock[0] = Date.now();
    return verify(gold, response, init.options);
  });
  clock[0] = 0;
  parentPort!.postMessage({ batch: req.batch, verdicts });
});
