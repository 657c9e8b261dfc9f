import { summarizeLatency } from "../metrics/latency-summary";
import type { Chart } from "../report/chart";
import { format } from "../report/format";
import { latencyHistogram } from "../report/latency-histogram";
import type { CapacityPhase } from "./capacity-phase";
import type { Table } from "./scenario";

/** CPU per request is a fraction of a millisecond: two decimals. */
const cpuMs = (ms: number) => (Number.isFinite(ms) ? `${ms.toFixed(2)} ms` : "–");

const answered = (phase: CapacityPhase) => phase.recorder.total("answered");

/** "0.21 ms per request (84.0 % of one core)" for one CPU source of a phase. */
function cpuPerRequest(phase: CapacityPhase, ms: number): string {
  const requests = answered(phase);
  if (!Number.isFinite(ms) || requests === 0) return "–";
  return `${cpuMs(ms / requests)} (${format.pct((100 * ms) / phase.cpu.windowMs)} of one core)`;
}

const holdSamples = (phase: CapacityPhase) => [
  ...phase.recorder.latencySamples("hold.ok"),
  ...phase.recorder.latencySamples("hold.conflict"),
  ...phase.recorder.latencySamples("hold.error"),
];

const percentiles = (summary: { count: number; p50: number; p95: number; p99: number }) =>
  summary.count === 0
    ? "–"
    : `p50 ${format.ms(summary.p50)} · p95 ${format.ms(summary.p95)} · p99 ${format.ms(summary.p99)}`;

/** Everything but conflicts, by code: refused holds (LIMIT_EXCEEDED, …), failed releases, no answers. */
function errorsByCode(phase: CapacityPhase): string {
  const r = phase.recorder;
  const codes = r
    .counterNames()
    .filter((name) => name.startsWith("error:"))
    .map((name) => `${name.slice(6)} ${format.int(r.total(name))}`);
  if (r.total("limit") > 0) codes.unshift(`LIMIT_EXCEEDED ${format.int(r.total("limit"))}`);
  return codes.length > 0 ? codes.join(", ") : "0";
}

export const heldPerSecond = (phase: CapacityPhase) => phase.recorder.total("held") / phase.seconds;

/** The figures of one phase, one row each, for the side-by-side table. */
function phaseColumn(phase: CapacityPhase): string[] {
  const r = phase.recorder;
  const attempts = r.total("attempt");
  const release = r.summary("release");
  const servers = phase.cpu.treeSizes.get("server");
  return [
    `${format.rate(heldPerSecond(phase))} (${format.int(r.total("held"))} holds)`,
    format.rate(attempts / phase.seconds),
    `${format.int(r.total("conflict"))} (${format.pct((100 * r.total("conflict")) / Math.max(1, attempts))} of attempts)`,
    errorsByCode(phase),
    percentiles(summarizeLatency(holdSamples(phase))),
    percentiles(r.summary("hold.ok")),
    release.count === 0 ? "–" : `p50 ${format.ms(release.p50)} · p99 ${format.ms(release.p99)}`,
    `${format.int(answered(phase))} (${format.rate(answered(phase) / phase.seconds)}/s)`,
    `${cpuPerRequest(phase, phase.cpu.cpuMs.get("server") ?? Number.NaN)}${servers === undefined ? "" : `; ${servers} process${servers === 1 ? "" : "es"}`}`,
    cpuPerRequest(phase, phase.cpu.cpuMs.get("postgres") ?? Number.NaN),
    cpuPerRequest(phase, phase.cpu.cpuMs.get("redis") ?? Number.NaN),
    cpuPerRequest(phase, phase.cpu.generatorMs),
    `${format.int(phase.viewUpdates)} (${format.rate(phase.viewUpdates / phase.seconds)}/s)`,
    format.s(phase.seconds),
  ];
}

const ROWS = [
  "successful holds/s",
  "hold attempts/s",
  "conflicts (SEAT_UNAVAILABLE)",
  "other errors, by code",
  "holds.create latency, all attempts",
  "holds.create latency, successes",
  "holds.release latency",
  "requests answered (holds + releases)",
  "server CPU per request (whole process tree)",
  "Postgres CPU per request (backends of the run's database)",
  "Redis CPU per request (redis-server)",
  "load generator CPU per request (this process)",
  "seat view updates (watcher messages / polls)",
  "timed window",
];

/** One table per fan count: each side's figures in a column, side by side. */
export function phaseTables(phases: CapacityPhase[], labels: Record<string, string>): Table[] {
  const fanCounts = [...new Set(phases.map((phase) => phase.fans))];
  return fanCounts.map((fans) => {
    const sides = phases.filter((phase) => phase.fans === fans);
    const columns = sides.map(phaseColumn);
    return {
      title: `Capacity, ${format.int(fans)} fans: closed loop, hold then release at once`,
      columns: ["", ...sides.map((phase) => labels[phase.side] ?? phase.side)],
      rows: ROWS.map((label, i) => [label, ...columns.map((column) => column[i] ?? "")]),
    };
  });
}

export function phaseCharts(phases: CapacityPhase[]): Chart[] {
  const name = (phase: CapacityPhase) => `${phase.side}, ${phase.fans} fans`;
  return [
    {
      kind: "line",
      title: "Capacity: successful holds per second",
      xLabel: "seconds into the phase",
      yLabel: "holds / s",
      series: phases.map((phase) => ({
        name: name(phase),
        points: phase.recorder
          .timeline("held", Math.ceil(phase.seconds))
          .map((n, s): [number, number] => [s + 0.5, n]),
      })),
    },
    latencyHistogram(
      "Capacity: holds.create latency (all attempts)",
      phases.map((phase) => ({ name: name(phase), samples: holdSamples(phase) })),
    ),
  ];
}

/** "812 holds/s, p99 41.0 ms, 0.27 ms server CPU per request" for the figures at the top. */
export function phaseSummary(phase: CapacityPhase): string {
  const requests = Math.max(1, answered(phase));
  return (
    `${format.rate(heldPerSecond(phase))} holds/s, holds.create p99 ${format.ms(summarizeLatency(holdSamples(phase)).p99)}, ` +
    `${cpuMs((phase.cpu.cpuMs.get("server") ?? Number.NaN) / requests)} server CPU per request`
  );
}
