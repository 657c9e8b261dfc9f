import { summarizeLatency } from "../metrics/latency-summary";
import type { ReadinessSample } from "../metrics/readiness-watch";
import { format } from "../report/format";
import type { Table } from "./scenario";

/** Every time below is in seconds since the load started. */
export interface Drill {
  name: string;
  /** When the fault began (the kill, the shutdown, the drop). */
  at: number;
  /** When the fault was over (the server restarted and answering again); at or after `at`. */
  endedAt?: number;
  detail: string;
}

/** A drill that could not run here, and why. */
export interface SkippedDrill {
  name: string;
  reason: string;
}

export type RequestKind = "hold" | "checkout" | "release";

/** One answer a fan got (or the lack of one). */
export interface RequestOutcome {
  kind: RequestKind;
  fan: number;
  sentAt: number;
  at: number;
  /** What went wrong (SEAT_UNAVAILABLE, TIMEOUT, NETWORK:ECONNREFUSED…); undefined for a success. */
  code?: string;
  /** Sent again (to another instance) because there was no answer. */
  resent?: boolean;
  /** The answer to a request sent again: when it was first sent. */
  firstSentAt?: number;
}

export interface DrillRecord {
  drills: Drill[];
  skipped: SkippedDrill[];
  outcomes: RequestOutcome[];
  readiness: ReadinessSample[];
  /** Watcher sockets that closed and opened again: when they closed and how long until open. */
  reconnects: Array<{ closedAt: number; ms: number }>;
  /** When watchers were told to refetch the map (the server lost their place in the change stream). */
  refetchNotices: number[];
  /** When the load stopped. */
  end: number;
}

const seconds = (s: number) => `+${s.toFixed(1)} s`;

function countBy<T>(items: T[], key: (item: T) => string): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]);
}

/** Each instance's spells of not being ready in [from, to), relative to `from`. */
function readinessCell(samples: ReadinessSample[], from: number, to: number): string {
  const inWindow = samples.filter((sample) => sample.t >= from && sample.t < to).sort((a, b) => a.t - b.t);
  const labels = [...new Set(samples.map((sample) => sample.label))].sort();
  const spells: string[] = [];
  for (const label of labels) {
    const own = inWindow.filter((sample) => sample.label === label);
    const firstDown = own.find((sample) => !sample.ready);
    if (!firstDown) continue;
    const lastDown = own.findLast((sample) => !sample.ready)!;
    const upAgain = own.find((sample) => sample.t > lastDown.t && sample.ready);
    spells.push(
      `${label} ${seconds(firstDown.t - from)} → ${upAgain ? seconds(upAgain.t - from) : "still not ready at the next drill"}`,
    );
  }
  return spells.length > 0 ? `not ready: ${spells.join("; ")}` : "all ready throughout";
}

/**
 * When the fault began that cost a resent request its first answer: the last drill that started before that
 * request's first attempt failed.
 */
function faultBehind(record: DrillRecord, answer: RequestOutcome): number {
  const firstFailure = record.outcomes.find(
    (outcome) =>
      outcome.kind === answer.kind &&
      outcome.fan === answer.fan &&
      outcome.code !== undefined &&
      outcome.sentAt >= answer.firstSentAt! &&
      outcome.at <= answer.at,
  );
  const failedAt = firstFailure?.at ?? answer.at;
  return record.drills
    .filter((drill) => drill.at <= failedAt)
    .reduce((latest, drill) => Math.max(latest, drill.at), -Infinity);
}

export const DRILL_TABLE_TITLE = "What fans saw after each drill (until the next one)";

/**
 * What fans saw after each drill, one row per drill, each over the time until the next drill (or the end of the
 * load): the errors by request and code, how long each fan that got one took to get a success again, when holds
 * and checkouts sent after the fault began first succeeded, which instances stopped answering /readyz, and how
 * the seat-map watchers fared. Skipped drills are listed with their reason.
 */
export function faultDrillTable(record: DrillRecord): Table {
  const drills = [...record.drills].sort((a, b) => a.at - b.at);
  const rows = drills.map((drill, i) => {
    const to = drills[i + 1]?.at ?? record.end;
    const inWindow = (t: number) => t >= drill.at && t < to;
    const errors = record.outcomes.filter((outcome) => outcome.code !== undefined && inWindow(outcome.at));
    const resent = errors.filter((outcome) => outcome.resent).length;
    const errorCell =
      errors.length === 0
        ? "none"
        : countBy(errors, (outcome) => `${outcome.kind}: ${outcome.code}`)
            .map(([code, n]) => `${code} ×${n}`)
            .join(", ") + (resent > 0 ? `; ${resent} resent to another instance` : "");
    // A fan whose instance died mid-checkout sends the same checkout (same key) to another one: how long it waited,
    // from its first send and from the fault (a checkout sent before the fault was waiting its turn, not recovering).
    const answeredResends = record.outcomes.filter(
      (outcome) =>
        outcome.kind === "checkout" &&
        outcome.code === undefined &&
        outcome.firstSentAt !== undefined &&
        inWindow(outcome.at),
    );
    const resentCheckouts = summarizeLatency(
      answeredResends.map((outcome) => (outcome.at - outcome.firstSentAt!) * 1000),
    );
    const afterFault = summarizeLatency(
      answeredResends.map(
        (outcome) => (outcome.at - Math.max(outcome.firstSentAt!, faultBehind(record, outcome))) * 1000,
      ),
    );
    const resentCell =
      resentCheckouts.count === 0
        ? ""
        : `; resent checkouts got their order in p50 ${format.ms(resentCheckouts.p50)}, max ${format.ms(resentCheckouts.max)} after first sent` +
          ` (max ${format.ms(afterFault.max)} after the fault)`;

    const firstErrorOf = new Map<number, number>();
    for (const error of errors) if (!firstErrorOf.has(error.fan)) firstErrorOf.set(error.fan, error.at);
    const backAfterMs: number[] = [];
    for (const [fan, firstError] of firstErrorOf) {
      const next = record.outcomes.find(
        (outcome) => outcome.fan === fan && outcome.code === undefined && outcome.at > firstError,
      );
      if (next) backAfterMs.push((next.at - firstError) * 1000);
    }
    const back = summarizeLatency(backAfterMs);
    const neverBack = firstErrorOf.size - backAfterMs.length;
    const fansCell =
      firstErrorOf.size === 0
        ? "–"
        : back.count === 0
          ? `${firstErrorOf.size} fans; none got a success again before the load stopped`
          : `${firstErrorOf.size} fans; back to a success in p50 ${format.ms(back.p50)}, max ${format.ms(back.max)}` +
            (neverBack > 0 ? `; ${neverBack} never` : "");

    const okAgain = (["hold", "checkout"] as const).map((kind) => {
      const first = record.outcomes
        .filter(
          (outcome) => outcome.kind === kind && outcome.code === undefined && outcome.sentAt >= drill.at,
        )
        .sort((a, b) => a.at - b.at)[0];
      if (!first) return `${kind} never`;
      // A fault that lasted (a restart): how long after it was over, which is what recovery is measured from.
      const ended =
        drill.endedAt !== undefined && drill.endedAt - drill.at >= 0.1 ? drill.endedAt : undefined;
      const afterEnd =
        ended === undefined
          ? ""
          : first.at < ended
            ? " (before it was over)"
            : ` (${seconds(first.at - ended)} after it was over)`;
      return `${kind} ${seconds(first.at - drill.at)}${afterEnd}`;
    });

    const reconnects = record.reconnects.filter((reconnect) => inWindow(reconnect.closedAt));
    const reconnectTimes = summarizeLatency(reconnects.map((reconnect) => reconnect.ms));
    const refetches = record.refetchNotices.filter(inWindow).length;
    const watcherCell =
      (reconnects.length > 0
        ? `${reconnects.length} reconnected in p50 ${format.ms(reconnectTimes.p50)}, max ${format.ms(reconnectTimes.max)}`
        : "no reconnects") + `; ${refetches} told to refetch`;

    return [
      `${format.s(drill.at)}: ${drill.name}`,
      drill.detail,
      errorCell + resentCell,
      fansCell,
      okAgain.join(", "),
      readinessCell(record.readiness, drill.at, to),
      watcherCell,
    ];
  });
  for (const skipped of record.skipped)
    rows.push(["skipped: " + skipped.name, skipped.reason, "", "", "", "", ""]);
  return {
    title: DRILL_TABLE_TITLE,
    columns: [
      "drill",
      "what happened",
      "errors fans got",
      "fans with an error",
      "first success sent after the fault",
      "/readyz",
      "seat-map watchers",
    ],
    rows,
  };
}
