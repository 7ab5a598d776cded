// CPU milliseconds since a process.cpuUsage() reading: the bound a time budget guarantees, unlike
// wall time, which grows whenever the machine is busy with other work (the test pool runs two jobs).
export function cpuMsSince(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
}
