// Start-up cost of the `oxa` command: `oxa --version` run N times from the sources' bundle (the
// default, bin/bundle.mjs) and through tsx (OXA_NO_BUNDLE=1), alternating so both see the same load.
// Each child reports its own CPU time (all threads, the tsx loader's included) as it exits.
//   node --import tsx bench/cli/startup.ts [--runs 10]
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";

const runs = Number(process.argv[process.argv.indexOf("--runs") + 1] || 10);
const OXA = resolve("bin/oxa.mjs");
const REPORT = `data:text/javascript,process.on("exit",()=>{const u=process.cpuUsage();process.stderr.write("cpu "+(u.user+u.system)/1000+"\\n")})`;

function once(env: Record<string, string>) {
  const t = performance.now();
  const r = spawnSync(process.execPath, ["--import", REPORT, OXA, "--version"], { encoding: "utf8", env: { ...process.env, ...env } });
  if (r.status !== 0) throw new Error(r.stderr);
  return { wall: performance.now() - t, cpu: Number(/cpu ([\d.]+)/.exec(r.stderr)![1]) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
once({}); // builds the bundle if it is stale: the runs below measure starts, not the build
const ways = { bundle: {}, tsx: { OXA_NO_BUNDLE: "1" } } as const;
const got: Record<string, { wall: number[]; cpu: number[] }> = { bundle: { wall: [], cpu: [] }, tsx: { wall: [], cpu: [] } };
for (let i = 0; i < runs; i++) {
  for (const [name, env] of Object.entries(ways)) {
    const r = once(env);
    got[name].wall.push(r.wall);
    got[name].cpu.push(r.cpu);
  }
}
const row = (name: string) => ({ way: name, runs, wall_ms: Math.round(median(got[name].wall)), cpu_ms: Math.round(median(got[name].cpu)) });
const [b, t] = [row("bundle"), row("tsx")];
console.log(JSON.stringify({ bundle: b, tsx: t, wall_ratio: +(b.wall_ms / t.wall_ms).toFixed(2), cpu_ratio: +(b.cpu_ms / t.cpu_ms).toFixed(2) }));
