import { format } from "../report/format";
import type { Table } from "../scenarios/scenario";
import type { ProcedureStats } from "./scrape-procedures";

/** The bucket upper bound (ms) below which a share `q` of the calls fell: an upper estimate of that percentile. */
function percentile(buckets: Array<[number, number]>, calls: number, q: number): string {
  const target = q * calls;
  for (const [le, count] of buckets)
    if (count >= target) return Number.isFinite(le) ? `≤ ${format.ms(le * 1000)}` : "> 5 s";
  return "–";
}

/**
 * Server-side latency per procedure over a scenario: the difference of two /metrics scrapes. Percentiles are
 * bucket bounds (the histogram's resolution), the mean is exact.
 */
export function procedureTable(
  before: Map<string, ProcedureStats>,
  after: Map<string, ProcedureStats>,
): Table {
  const rows: string[][] = [];
  for (const [path, end] of [...after].sort((a, b) => b[1].calls - a[1].calls)) {
    const start = before.get(path);
    const calls = end.calls - (start?.calls ?? 0);
    if (calls <= 0) continue;
    const sum = end.sumSeconds - (start?.sumSeconds ?? 0);
    const buckets = [...end.buckets]
      .map(([le, count]): [number, number] => [le, count - (start?.buckets.get(le) ?? 0)])
      .sort((a, b) => a[0] - b[0]);
    rows.push([
      path,
      format.int(calls),
      format.ms((sum / calls) * 1000),
      percentile(buckets, calls, 0.5),
      percentile(buckets, calls, 0.95),
      percentile(buckets, calls, 0.99),
    ]);
  }
  return {
    title: "Server-side time per procedure (from /metrics, all instances)",
    columns: ["procedure", "calls", "mean", "p50", "p95", "p99"],
    rows,
  };
}
