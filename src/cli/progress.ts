// The terminal renderer of the progress port (io/progress.ts): bars on stderr. On a terminal the bar
// redraws in place; elsewhere (CI, pipes) a line is printed every few seconds so logs stay short.
import { nullProgress, type Progress } from "../io/progress.ts";

function fmtDuration(s: number): string {
  if (!Number.isFinite(s) || s < 0) return "?";
  if (s < 60) return `${s.toFixed(0)}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(Math.floor(s % 60)).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
}

export function createProgress(label: string, total: number | undefined, opts: { stream?: NodeJS.WriteStream; enabled?: boolean } = {}): Progress {
  const stream = opts.stream ?? process.stderr;
  if (opts.enabled === false || process.env.OXA_NO_PROGRESS === "1") return nullProgress;
  const tty = Boolean(stream.isTTY);
  const start = Date.now();
  let done = 0;
  let tot = total;
  let status = "";
  let lastDraw = 0;
  let drawn = ""; // what the last line showed, so finishing does not print it twice
  let finished = false;

  const render = () => {
    const elapsed = (Date.now() - start) / 1000;
    const rate = done / Math.max(elapsed, 1e-9);
    if (tot && tot > 0) {
      const frac = Math.min(1, done / tot);
      const width = 24;
      const fill = Math.round(frac * width);
      const eta = rate > 0 ? (tot - done) / rate : NaN;
      return `${label} [${"#".repeat(fill)}${"-".repeat(width - fill)}] ${done}/${tot} ${(frac * 100).toFixed(0)}% ${fmtDuration(elapsed)}<${fmtDuration(eta)}${status ? " " + status : ""}`;
    }
    return `${label} ${done} ${fmtDuration(elapsed)}${status ? " " + status : ""}`;
  };
  const draw = (force = false) => {
    const now = Date.now();
    if (!force && now - lastDraw < (tty ? 100 : 5000)) return;
    lastDraw = now;
    const line = render();
    if (tty) stream.write("\r\x1b[2K" + line);
    else if (line !== drawn) stream.write(line + "\n");
    drawn = line;
  };
  return {
    tick(n = 1, s) {
      done += n;
      if (s !== undefined) status = s;
      draw();
    },
    update(d, t, s) {
      done = d;
      if (t !== undefined) tot = t;
      if (s !== undefined) status = s;
      draw();
    },
    finish(s) {
      if (finished) return;
      finished = true;
      if (s !== undefined) status = s;
      draw(true);
      if (tty) stream.write("\n");
    },
  };
}
