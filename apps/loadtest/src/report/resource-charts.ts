import type { ProcessSampler } from "../metrics/process-sampler";
import type { Chart, LineSeries } from "./chart";

/** RSS and CPU of every sampled process over the run, one series per process, scenarios shaded. */
export function resourceCharts(
  sampler: ProcessSampler,
  spans: Array<{ from: number; to: number; label: string }>,
): Chart[] {
  const series = (value: (sample: ProcessSampler["samples"][number]) => number): LineSeries[] => {
    const byLabel = new Map<string, Array<[number, number]>>();
    for (const sample of sampler.samples) {
      if (Number.isNaN(value(sample))) continue;
      let points = byLabel.get(sample.label);
      if (!points) byLabel.set(sample.label, (points = []));
      points.push([sample.t, value(sample)]);
    }
    return [...byLabel.entries()].map(([name, points]) => ({ name, points }));
  };
  return [
    {
      kind: "line",
      title: "RSS per process",
      xLabel: "seconds since start",
      yLabel: "MB",
      series: series((s) => s.rssMb),
      spans,
    },
    {
      kind: "line",
      title: "CPU per process (% of one core; Postgres = all its backends) and the machine (% of all cores)",
      xLabel: "seconds since start",
      yLabel: "%",
      series: [
        ...series((s) => s.cpuPct),
        {
          name: "machine",
          points: sampler.machine.map((sample): [number, number] => [sample.t, sample.cpuPct]),
        },
      ],
      spans,
    },
  ];
}
