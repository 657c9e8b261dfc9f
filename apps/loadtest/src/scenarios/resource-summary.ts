import type { ProcessSampler } from "../metrics/process-sampler";

/** "servers 180% CPU, 2×140 MB · machine 95%" for the progress line. */
export function resourceSummary(sampler: ProcessSampler): string {
  const now = sampler.now();
  const latest = [...sampler.latest().values()].filter(
    (sample) => now - sample.t < 2 && /(^|-)server-\d+$/.test(sample.label),
  );
  const cpu = latest.reduce((sum, sample) => sum + sample.cpuPct, 0);
  const rss = latest.map((sample) => Math.round(sample.rssMb)).join("/");
  const machine = sampler.machine.at(-1)?.cpuPct ?? 0;
  return `servers ${Math.round(cpu)}% CPU, RSS ${rss} MB | machine ${Math.round(machine)}%`;
}
