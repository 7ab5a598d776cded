// The config of `oxa rl-report`: which runs, and where the page and the SVG of the main curves go.
import { z } from "zod";

export const rlReportConfig = z.object({
  run: z.array(z.string()).min(1).describe("an `oxa rl` run directory (its --out), or NAME=DIR to name it in the legends (repeat for several)"),
  out: z.string().default("rl-report.html").describe("the HTML report"),
  svg: z.string().optional().describe("the SVG of the main curves (reward, validation Pass@1, entropy, KL), for a README (default: --out with .svg for .html)"),
  title: z.string().default("oxa rl report").describe("the page's and the SVG's title"),
});

export type RlReportConfig = z.output<typeof rlReportConfig>;

/** Where the SVG goes when --svg is not given. */
export const rlReportSvgPath = (c: Pick<RlReportConfig, "out" | "svg">): string => c.svg ?? c.out.replace(/\.html?$/i, "") + ".svg";
