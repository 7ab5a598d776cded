// `oxa verify`: marks every response of a dataset correct or not against its gold answer.
import { z } from "zod";
import { defineCommand } from "../command.ts";
import { verifyFile, type VerifySummary } from "../../verify/index.ts";

const schema = z.object({
  input: z.string().describe("rows with a gold answer and a response (or a list of responses): .jsonl, .json or .parquet"),
  output: z.string().describe("where the rows go, with correct / predicted / reason added (JSONL)"),
  goldField: z.string().default("gold").describe("field holding the gold answer"),
  responseField: z.string().default("response").describe("field holding the response, or a list of responses (then the verdicts are lists too)"),
  strict: z.boolean().default(false).describe("only \\boxed{} answers count: no answer phrases, no last-number fallback (use for selection and mining)"),
  think: z.enum(["after", "ignore"]).default("after").describe("after: read only the text after </think> (an unclosed <think> has no answer); ignore: read the whole response"),
  percent: z.enum(["flexible", "value", "ignore"]).default("flexible").describe("how 50% compares: flexible (50 or 0.5), value (0.5 only), ignore (50 only)"),
  roundingDigits: z.number().int().min(0).default(4).describe("a decimal with at least this many decimals also matches an exact value it correctly rounds (1/3 vs 0.3333)"),
  timeoutMs: z.number().int().min(1).default(500).describe("time budget per response; a worker that overruns it is terminated and the response counts as timed out"),
  workers: z.number().int().min(0).default(0).describe("worker threads (0: one per core, less one for reading and writing)"),
});

export const verifyCommand = defineCommand({
  name: "verify",
  summary: "check each response's final answer against the gold answer",
  description: `Extracts the final answer of every response (the last \\boxed{}; without --strict also
"final answer is ...", "Answer: ...", "#### ...", **bold** and, last, the last number) and decides whether
it equals the gold answer: numbers in any notation, fractions, roots, pi, percentages, units, intervals,
sets, tuples, matrices, equations, symbolic expressions, multiple-choice letters, complex numbers.
Each output row is the input row plus correct (boolean), predicted (the extracted answer or null) and
reason; a row whose response field is a list gets lists of the same length. A gold answer that cannot
be read is never counted correct: the summary reports it (gold unreadable) so dataset bugs surface.`,
  examples: [
    "oxa verify --input teacher.jsonl --output verified.jsonl",
    "oxa verify --input rollouts.jsonl --output verdicts.jsonl --response-field responses --strict",
    "oxa verify data.parquet out.jsonl --gold-field answer --response-field completion --timeout-ms 1000 --json",
  ],
  positionals: ["input", "output"],
  schema,
  async run(c, ctx) {
    return verifyFile({
      input: c.input,
      output: c.output,
      goldField: c.goldField,
      responseField: c.responseField,
      workers: c.workers || undefined,
      verify: { extraction: c.strict ? "strict" : "lenient", think: c.think, percent: c.percent, roundingDigits: c.roundingDigits, timeoutMs: c.timeoutMs },
      progress: ctx.progress,
    });
  },
  format: (r: VerifySummary) =>
    `verified ${r.responses} responses in ${r.rows} rows: ${r.correct} correct (${(r.accuracy * 100).toFixed(1)}%)\n` +
    `  gold unreadable: ${r.goldUnparsed}   no readable answer: ${r.predUnparsed}   timed out: ${r.timedOut}   errors: ${r.errors}\n` +
    `  ${r.perSecond}/s on ${r.workers} workers, ${r.seconds}s\n  rows: ${r.output}\n`,
});
