// `oxa run`: runs a pipeline file of named stages, each one of our commands, with caching and resume.
import { z } from "zod";
import { defineCommand } from "../../command/command.ts";
import { StageError } from "../../io/errors.ts";
import { formatSummary, runPipeline, type RunReport } from "../../pipeline/index.ts";

const schema = z.object({
  pipeline: z.string().describe("the pipeline file (YAML)"),
  out: z.string().optional().describe("run directory (default: the file's run:, else runs/<file name>)"),
  from: z.string().optional().describe("rerun this stage and every stage after it; earlier ones are kept"),
  only: z.string().optional().describe("rerun only this stage; the others are kept"),
  var: z.array(z.string()).default([]).describe("override a pipeline variable, NAME=VALUE (repeatable)"),
  jobs: z.number().int().min(1).default(1).describe("stages run at once, each as soon as the stages it uses have finished (each engine then gets cores/jobs threads unless OMP_NUM_THREADS is set)"),
  check: z.boolean().default(false).describe("validate the file and show each stage's state (done, unfinished, not-run) without running anything"),
});

export const runPipelineCommand = defineCommand({
  name: "run",
  summary: "run a pipeline of stages (any oxa command) with manifests, caching and resume",
  description: `Each stage names a command (uses: world, verify, score, select, ...) and its options (with:).
Options can refer to \${run}, \${out} (the stage's output directory <run>/<stage>/out), \${vars.NAME},
\${stages.NAME.out} and \${stages.NAME.result.FIELD}. A stage whose command, options and input
contents are unchanged since it last finished is skipped; a killed run resumes at the stage it
was in. With --jobs N, up to N stages run at once, each as soon as the stages it names have
finished: independent branches (the seeds of a study, say) share the machine's cores. See docs/pipeline.md.`,
  examples: ["oxa run examples/pipelines/world.yaml", "oxa run pipeline.yaml --out runs/try2 --var seed=3", "oxa run pipeline.yaml --from select", "oxa run pipeline.yaml --only eval --json", "oxa run pipeline.yaml --check", "oxa run pipeline.yaml --jobs 2"],
  schema,
  positionals: ["pipeline"],
  async run(c, ctx) {
    const { commands } = await import("./index.ts"); // lazily: the table lists this command too
    const report = await runPipeline({ file: c.pipeline, out: c.out, from: c.from, only: c.only, vars: c.var, check: c.check, jobs: c.jobs, commands, ctx });
    if (!report.ok) {
      // The report still matters to a machine reading --json, though the command fails.
      if (ctx.json) process.stdout.write(JSON.stringify(report, null, 2) + "\n");
      else ctx.log(formatSummary(report));
      const failed = report.stages.find((s) => s.status === "failed")!;
      throw new StageError(`stage "${failed.name}" (oxa ${failed.uses}) failed: ${failed.error}`);
    }
    return report;
  },
  format: (r: RunReport) => formatSummary(r),
});
