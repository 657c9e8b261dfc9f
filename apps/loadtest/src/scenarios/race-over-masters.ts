import { isCluster, type Redis } from "@frontrow/redis";
import { checkInvariants } from "../invariants/check-invariants";
import { checkLiveHolds } from "../invariants/check-live-holds";
import { ProgressLine } from "../metrics/progress-line";
import { Recorder } from "../metrics/recorder";
import { resourceTable } from "../metrics/resource-table";
import { format } from "../report/format";
import { SeatRows } from "../setup/seat-rows";
import type { EventOnMaster } from "../setup/spread-events";
import { frontrowTarget, releaseOpenHolds, runHoldRace } from "./hold-race-load";
import { HOT_SECTION } from "./race";
import { resourceSummary } from "./resource-summary";
import type { ScenarioContext, ScenarioResult } from "./scenario";

/** CPU seconds (user + system) each master of the cluster has used so far, by port. */
async function masterCpuSeconds(redis: Redis): Promise<Map<number, number>> {
  const nodes = isCluster(redis) ? redis.nodes("master") : [];
  const entries = await Promise.all(
    nodes.map(async (node): Promise<[number, number]> => {
      const info = await node.info("cpu");
      const used = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, "m").exec(info)?.[1] ?? 0);
      return [node.options.port!, used("used_cpu_user") + used("used_cpu_sys")];
    }),
  );
  return new Map(entries);
}

/**
 * `race` on a Redis Cluster: the same fans race for seats of section 101 on one event, then on two events served by
 * two masters, then on three, the fans split evenly over the events. Each phase reports holds per second per master
 * and each master's CPU, which says whether the hold throughput follows the masters.
 */
export async function raceOverMasters(context: ScenarioContext, spread: EventOnMaster[]): Promise<ScenarioResult> {
  const { options, sampler, ledger, random, signal } = context;
  const fanCount = Math.min(context.fans.length, options.fans ?? (options.quick ? 150 : 500));
  const durationS = options.durationS ?? (options.quick ? 8 : 20);
  const fans = context.fans.slice(0, fanCount);
  const rowsOf = new Map<string, Awaited<ReturnType<SeatRows["select"]>>>();
  for (const { eventId } of spread) rowsOf.set(eventId, (await SeatRows.fetch(fans[0]!, eventId)).select([HOT_SECTION], options.seats));
  const seatsPerEvent = rowsOf.get(spread[0]!.eventId)!.reduce((sum, row) => sum + row.seatIds.length, 0);
  context.log(`race: ${fanCount} fans on ${seatsPerEvent} seats of section ${HOT_SECTION} per event, 1 to ${spread.length} events, ${durationS} s each`);

  const windowStart = sampler.now();
  const rows: string[][] = [];
  const totals = { attempts: 0, holds: 0, errors: 0, masterCpuS: 0 };
  const phases: Array<{ events: number; holdsPerS: number }> = [];
  for (let count = 1; count <= spread.length && !signal.aborted; count++) {
    const events = spread.slice(0, count);
    const recorders = events.map(() => new Recorder());
    const progress = new ProgressLine(() => {
      const held = recorders.reduce((sum, recorder) => sum + recorder.total("held"), 0);
      const t = recorders[0]!.elapsed();
      return `race on ${count} master(s) ${Math.min(t, durationS).toFixed(0)}/${durationS}s | holds ${format.int(held)} (${format.rate(held / Math.max(t, 0.1))}/s) | ${resourceSummary(sampler)}`;
    });
    const cpuBefore = await masterCpuSeconds(context.redis);
    const open = await Promise.all(
      events.map(({ eventId }, e) =>
        runHoldRace({
          fans: fans.filter((_, i) => i % count === e),
          eventId,
          rows: rowsOf.get(eventId)!,
          durationMs: durationS * 1000,
          target: frontrowTarget,
          recorder: recorders[e]!,
          ledger,
          random,
          signal,
        }),
      ),
    );
    const cpuAfter = await masterCpuSeconds(context.redis);
    progress.stop();
    const elapsed = Math.max(...recorders.map((recorder) => recorder.elapsed()));
    await releaseOpenHolds(frontrowTarget, ledger, open.flat());

    const holdsPerMaster = events.map((event, e) => `${event.masterPort}: ${format.rate(recorders[e]!.total("held") / elapsed)}`);
    const cpuPerMaster = [...cpuAfter].map(([port, seconds]) => `${port}: ${format.pct((100 * (seconds - (cpuBefore.get(port) ?? 0))) / elapsed)}`);
    const attempts = recorders.reduce((sum, recorder) => sum + recorder.total("attempt"), 0);
    const holds = recorders.reduce((sum, recorder) => sum + recorder.total("held"), 0);
    const errors = recorders.reduce((sum, recorder) => sum + recorder.total("error"), 0);
    const p95 = Math.max(...recorders.map((recorder) => recorder.summary("hold.ok").p95));
    totals.attempts += attempts;
    totals.holds += holds;
    totals.errors += errors;
    totals.masterCpuS += [...cpuAfter].reduce((sum, [port, seconds]) => sum + seconds - (cpuBefore.get(port) ?? 0), 0);
    phases.push({ events: count, holdsPerS: holds / elapsed });
    rows.push([
      String(count),
      `${format.rate(attempts / elapsed)}/s`,
      `${format.rate(holds / elapsed)}/s`,
      holdsPerMaster.join(", "),
      cpuPerMaster.join(", "),
      format.ms(p95),
      String(errors),
    ]);
    context.log(`race: ${count} master(s): ${format.rate(holds / elapsed)} holds/s (${holdsPerMaster.join(", ")}); Redis CPU ${cpuPerMaster.join(", ")}`);
  }
  const windowEnd = sampler.now();

  const eventIds = spread.map((event) => event.eventId);
  const liveHolds = await checkLiveHolds({ redis: context.redis, sql: context.sql, ledger, eventIds });
  const invariants = await checkInvariants({ sql: context.sql, redis: context.redis, eventIds, ledger, liveHolds });
  const first = phases[0]?.holdsPerS ?? 0;
  // Each hold's script, its release's, the refused attempts' and the cluster's own upkeep, all on the masters.
  const cpuPerHoldUs = (1e6 * totals.masterCpuS) / Math.max(totals.holds, 1);
  return {
    name: "race",
    title: "Race for seats over Redis Cluster masters",
    setup:
      `${format.int(fanCount)} signed-in fans on ${options.instances} instances race for random blocks of 1–4 side-by-side seats among ` +
      `${format.int(seatsPerEvent)} seats of section ${HOT_SECTION} of an event, keeping a hold 0.2–0.8 s then releasing it; first on one event, ` +
      `then split evenly over ${spread.length > 2 ? `2 and ${spread.length}` : spread.length} copies of it whose keys live on different masters of a ` +
      `Redis Cluster (3 masters, 3 replicas); ${durationS} s per step.`,
    window: [windowStart, windowEnd],
    figures: [
      ["hold attempts", format.int(totals.attempts)],
      ["successful holds", format.int(totals.holds)],
      ["errors", format.int(totals.errors)],
      [
        "holds/s as masters are added",
        phases.map((phase) => `${phase.events}: ${format.rate(phase.holdsPerS)}/s (×${(phase.holdsPerS / Math.max(first, 1e-9)).toFixed(2)})`).join(", "),
      ],
      [
        "Redis master CPU per successful hold",
        `${format.int(Math.round(cpuPerHoldUs))} µs (with its release, the refused attempts and the cluster's upkeep): ` +
          `one master core would carry about ${format.int(Math.round(1e6 / Math.max(cpuPerHoldUs, 1)))} holds/s`,
      ],
    ],
    tables: [
      {
        title: "Holds per master as events are added (one event per master)",
        columns: ["masters in use", "hold attempts", "holds", "holds/s per master (port)", "Redis CPU per master (port)", "hold p95", "errors"],
        rows,
      },
      resourceTable(sampler, [windowStart, windowEnd]),
    ],
    charts: [],
    invariants,
    notes: [],
  };
}
