// `oxa verify`: marks every response of a dataset correct or not against its gold answer.
import { defineCommand } from "../../command/command.ts";
import { verifyConfig, verifyFile, verifyOptionsOf, type VerifySummary } from "../../verify/index.ts";

export const verifyCommand = defineCommand({
  name: "verify",
  summary: "check each response's final answer against the gold answer",
  description: `Extracts the final answer of every response — the last \\boxed{} (several boxes are one list);
with --mode lenient, when there is no box, an answer phrase ("final answer is ...", "Answer: ...",
"#### ...", 答案, Réponse, ...), a bold answer, else the last math in the text — and of the gold the
same way (a gold may be a whole solution), and decides whether they are equal: numbers in any
notation (decimal commas, thousands separators, bases), fractions, roots, pi, percentages, units,
ratios, intervals and inequalities, sets, tuples, matrices, labelled answers and equation chains,
symbolic expressions, multiple-choice letters, complex numbers. The reason names the extraction path.
Each output row is the input row plus correct (boolean), predicted (the extracted answer or null) and
reason; a row whose response field is a list gets lists of the same length. A gold answer that cannot
be read is never counted correct: the summary reports it (gold unreadable) so dataset bugs surface.`,
  examples: [
    "oxa verify --input teacher.jsonl --output verified.jsonl",
    "oxa verify --input rollouts.jsonl --output verdicts.jsonl --response-field responses --mode strict",
    "oxa verify data.parquet out.jsonl --gold-field answer --response-field completion --timeout-ms 1000 --json",
  ],
  positionals: ["input", "output"],
  schema: verifyConfig,
  files: (c) => ({ inputs: [{ option: "--input", path: c.input }], outputs: [{ option: "--output", path: c.output }] }),
  async run(c, ctx) {
    return verifyFile({
      input: c.input,
      output: c.output,
      format: c.format,
      goldField: c.goldField,
      responseField: c.responseField,
      workers: c.workers || undefined,
      verify: verifyOptionsOf(c),
      progress: ctx.progress,
    });
  },
  format: (r: VerifySummary) =>
    `verified ${r.responses} responses in ${r.rows} rows: ${r.correct} correct (${(r.accuracy * 100).toFixed(1)}%)\n` +
    `  gold unreadable: ${r.goldUnparsed}   no readable answer: ${r.predUnparsed}   undecided: ${r.undecided}   timed out: ${r.timedOut}   errors: ${r.errors}\n` +
    `  ${r.perSecond}/s on ${r.workers} workers, ${r.seconds}s\n  rows: ${r.output}\n`,
});
