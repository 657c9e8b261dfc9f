import type { Chart } from "./chart";

/** Log-spaced bucket edges from 0.25 ms to ~33 s: four buckets per doubling. */
const EDGES = Array.from({ length: 69 }, (_, i) => 0.25 * 2 ** (i / 4));

/** Bins latency samples (ms) of each series into shared log-spaced buckets, trimmed to the range that has data. */
export function latencyHistogram(
  title: string,
  series: Array<{ name: string; samples: readonly number[] }>,
): Chart {
  const counts = series.map(({ samples }) => {
    const bins = new Array<number>(EDGES.length - 1).fill(0);
    for (const value of samples) {
      let i = 0;
      while (i < bins.length - 1 && value >= (EDGES[i + 1] as number)) i++;
      bins[i] = (bins[i] ?? 0) + 1;
    }
    return bins;
  });
  let first = EDGES.length;
  let last = 0;
  for (const bins of counts) {
    bins.forEach((count, i) => {
      if (count > 0) {
        first = Math.min(first, i);
        last = Math.max(last, i);
      }
    });
  }
  if (first > last) {
    first = 0;
    last = 0;
  }
  return {
    kind: "histogram",
    title,
    xLabel: "latency (ms, log scale)",
    edges: EDGES.slice(first, last + 2),
    series: series.map(({ name }, i) => ({ name, counts: (counts[i] ?? []).slice(first, last + 1) })),
  };
}
