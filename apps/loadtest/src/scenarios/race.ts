import { checkInvariants } from "../invariants/check-invariants";
import { checkLiveHolds } from "../invariants/check-live-holds";
import { summarizeLatency } from "../metrics/latency-summary";
import { ProgressLine } from "../metrics/progress-line";
import { Recorder } from "../metrics/recorder";
import { resourceTable } from "../metrics/resource-table";
import { format } from "../report/format";
import { latencyHistogram } from "../report/latency-histogram";
import { SeatRows } from "../setup/seat-rows";
import { frontrowTarget, releaseOpenHolds, runHoldRace } from "./hold-race-load";
import { raceOverMasters } from "./race-over-masters";
import { resourceSummary } from "./resource-summary";
import type { Scenario } from "./scenario";

export const HOT_SECTION = "101";

/** N fans racing for random blocks of 1–4 adjacent seats in one hot section of the arena, for a fixed time. */
export const race: Scenario = {
  name: "race",
  run: async (context) => {
    if (context.events.spread) return raceOverMasters(context, context.events.spread);
    const { options, sampler, ledger, random, signal } = context;
    const fanCount = Math.min(context.fans.length, options.fans ?? (options.quick ? 150 : 500));
    const durationS = options.durationS ?? (options.quick ? 8 : 30);
    const fans = context.fans.slice(0, fanCount);
    const eventId = context.events.arena;
    const layout = await SeatRows.fetch(fans[0]!, eventId);
    const rows = layout.select([HOT_SECTION], options.seats);
    const seatsInPlay = rows.reduce((sum, row) => sum + row.seatIds.length, 0);
    context.log(
      `race: ${fanCount} fans on ${seatsInPlay} seats of section ${HOT_SECTION} for ${durationS} s`,
    );

    const windowStart = sampler.now();
    const recorder = new Recorder();
    const progress = new ProgressLine(() => {
      const t = recorder.elapsed();
      const attempts = recorder.total("attempt");
      const p95 = recorder.summary("hold.ok").p95;
      return (
        `race ${Math.min(t, durationS).toFixed(0)}/${durationS}s | attempts ${format.int(attempts)} (${format.rate(attempts / Math.max(t, 0.1))}/s)` +
        ` | holds ${format.int(recorder.total("held"))} | conflicts ${format.int(recorder.total("conflict"))}` +
        ` | errors ${format.int(recorder.total("error"))} | hold p95 ${format.ms(p95)} | ${resourceSummary(sampler)}`
      );
    });
    const open = await runHoldRace({
      fans,
      eventId,
      rows,
      durationMs: durationS * 1000,
      target: frontrowTarget,
      recorder,
      ledger,
      random,
      signal,
    });
    const elapsed = recorder.elapsed();
    progress.stop();
    const windowEnd = sampler.now();

    const liveHolds = await checkLiveHolds({
      redis: context.redis,
      sql: context.sql,
      ledger,
      eventIds: [eventId],
    });
    await releaseOpenHolds(frontrowTarget, ledger, open);
    const invariants = await checkInvariants({
      sql: context.sql,
      redis: context.redis,
      eventIds: [eventId],
      ledger,
      liveHolds,
    });

    const attempts = recorder.total("attempt");
    const all = [
      ...recorder.latencySamples("hold.ok"),
      ...recorder.latencySamples("hold.conflict"),
      ...recorder.latencySamples("hold.error"),
    ];
    const allSummary = summarizeLatency(all);
    const errorCodes = recorder
      .counterNames()
      .filter((name) => name.startsWith("error:"))
      .map((name) => `${name.slice(6)} ${recorder.total(name)}`);
    const seconds = Math.ceil(elapsed);
    return {
      name: "race",
      title: "Race for seats",
      setup:
        `${format.int(fanCount)} signed-in fans on ${options.instances} instances, each repeatedly holding a random block of 1–4 side-by-side ` +
        `seats among ${format.int(seatsInPlay)} seats of section ${HOT_SECTION} (Midnight Run Tour), keeping a hold 0.2–0.8 s then releasing it, ` +
        `backing off 20–120 ms after a conflict; ${durationS} s.`,
      window: [windowStart, windowEnd],
      figures: [
        ["hold attempts", `${format.int(attempts)} (${format.rate(attempts / elapsed)}/s)`],
        [
          "successful holds",
          `${format.int(recorder.total("held"))} (${format.rate(recorder.total("held") / elapsed)}/s, ${format.rate(recorder.total("seats held") / elapsed)} seats/s)`,
        ],
        [
          "conflicts (SEAT_UNAVAILABLE)",
          `${format.int(recorder.total("conflict"))} (${format.pct((100 * recorder.total("conflict")) / Math.max(1, attempts))} of attempts)`,
        ],
        ["other errors", errorCodes.length ? errorCodes.join(", ") : "0"],
        ["hold latency, all attempts", format.latency(allSummary)],
        ["hold latency, successes", format.latency(recorder.summary("hold.ok"))],
        ["hold latency, conflicts", format.latency(recorder.summary("hold.conflict"))],
        ["release latency", format.latency(recorder.summary("release"))],
      ],
      tables: [resourceTable(sampler, [windowStart, windowEnd])],
      charts: [
        {
          kind: "line",
          title: "Race: throughput per second",
          xLabel: "seconds",
          yLabel: "per second",
          series: ["attempt", "held", "conflict", "error"].map((name) => ({
            name:
              { attempt: "hold attempts", held: "successful holds", conflict: "conflicts", error: "errors" }[
                name
              ] ?? name,
            points: recorder
              .timeline(name, seconds)
              .map((count, second): [number, number] => [second + 0.5, count]),
          })),
        },
        latencyHistogram(
          "Race: hold latency",
          recorder.latencySeries({ success: "hold.ok", conflict: "hold.conflict", release: "release" }),
        ),
      ],
      invariants,
      notes: [],
    };
  },
};
