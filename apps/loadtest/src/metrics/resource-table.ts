import { format } from "../report/format";
import type { Table } from "../scenarios/scenario";
import type { ProcessSampler } from "./process-sampler";

/** Per process over a window of the run clock: mean and peak CPU, RSS at start and end, and peak RSS. */
export function resourceTable(
  sampler: ProcessSampler,
  window: [number, number],
  title = "Server processes",
): Table {
  const [from, to] = window;
  const byLabel = new Map<string, typeof sampler.samples>();
  for (const sample of sampler.samples) {
    if (sample.t < from || sample.t > to + 0.5) continue;
    let list = byLabel.get(sample.label);
    if (!list) byLabel.set(sample.label, (list = []));
    list.push(sample);
  }
  const rows = [...byLabel.entries()].map(([label, samples]) => {
    const cpu = samples.map((sample) => sample.cpuPct);
    const rss = samples.map((sample) => sample.rssMb).filter((mb) => !Number.isNaN(mb));
    return [
      label,
      format.pct(cpu.reduce((a, b) => a + b, 0) / cpu.length),
      format.pct(Math.max(...cpu)),
      rss.length ? `${format.mb(rss[0] ?? 0)} → ${format.mb(rss.at(-1) ?? 0)}` : "",
      rss.length ? format.mb(Math.max(...rss)) : "",
    ];
  });
  const machine = sampler.machine
    .filter((sample) => sample.t >= from && sample.t <= to + 0.5)
    .map((sample) => sample.cpuPct);
  if (machine.length > 0) {
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
    const ours = [...byLabel.values()].reduce(
      (sum, samples) => sum + mean(samples.map((sample) => sample.cpuPct)),
      0,
    );
    const machineMean = mean(machine);
    rows.push([
      `whole machine (% of all ${sampler.cores} cores)`,
      format.pct(machineMean),
      format.pct(Math.max(...machine)),
      "",
      "",
    ]);
    rows.push([
      "everything else on the machine (% of one core)",
      format.pct(Math.max(0, machineMean * sampler.cores - ours)),
      "",
      "",
      "",
    ]);
  }
  return {
    title,
    columns: ["process", "CPU mean (% of one core)", "CPU peak", "RSS start → end", "RSS peak"],
    rows,
  };
}
