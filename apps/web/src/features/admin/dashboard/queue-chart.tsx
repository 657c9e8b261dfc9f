import { formatCount, formatTime } from "../../../lib/format";
import { useNow } from "../../../lib/use-now";
import { TimeSeriesChart, type ChartPoint } from "./time-series-chart";
import type { WaitingRoomStats } from "./use-live-dashboard";

const HOUR_MS = 60 * 60_000;
const SHORTEST_WINDOW_MS = 10 * 60_000;

/**
 * Fans waiting and shopping over the last hour: the samples the admitter recorded, and the live numbers as the
 * newest point.
 */
export function QueueChart({ room, timeZone }: { room: WaitingRoomStats; timeZone: string }) {
  const now = useNow(10_000);
  const hourAgo = now.getTime() - HOUR_MS;
  const samples = room.samples.filter((sample) => sample.at.getTime() >= hourAgo);
  // A young history fills the chart instead of hugging its right edge: the window starts with it (ten minutes at least).
  const from = new Date(
    Math.max(hourAgo, Math.min(samples[0]?.at.getTime() ?? hourAgo, now.getTime() - SHORTEST_WINDOW_MS)),
  );
  const liveAt = new Date(Math.max(now.getTime(), samples.at(-1)?.at.getTime() ?? 0));
  const waitingNow = room.started ? room.waiting : room.preQueue;
  const waiting: ChartPoint[] = [
    ...samples.map((sample) => ({ at: sample.at, value: sample.waiting })),
    { at: liveAt, value: waitingNow },
  ];
  const shopping: ChartPoint[] = [
    ...samples.map((sample) => ({ at: sample.at, value: sample.activeShoppers })),
    { at: liveAt, value: room.activeShoppers },
  ];
  const peak = waiting.reduce((best, point) => (point.value > best.value ? point : best), waiting[0]!);
  const summary =
    samples.length === 0
      ? `${formatCount(waitingNow)} waiting now; the history fills in as the waiting room runs.`
      : `${formatCount(waitingNow)} waiting now and ${formatCount(room.activeShoppers)} shopping; the longest line in the last hour was ${formatCount(peak.value)} at ${formatTime(peak.at, timeZone)}.`;
  // The hidden table: one row a minute (the last sample of each), so it stays readable.
  const perMinute = new Map<number, (typeof samples)[number]>();
  for (const sample of samples) perMinute.set(Math.floor(sample.at.getTime() / 60_000), sample);
  return (
    <TimeSeriesChart
      timeZone={timeZone}
      title="Queue length over time"
      summary={summary}
      kind="lines"
      series={[
        { name: "Waiting", points: waiting },
        { name: "Active shoppers", points: shopping },
      ]}
      from={from}
      to={liveAt}
      formatValue={(value) => formatCount(value)}
      tableRows={[
        ...[...perMinute.values()].map((sample) => ({
          at: sample.at,
          values: [sample.waiting, sample.activeShoppers],
        })),
        { at: liveAt, values: [waitingNow, room.activeShoppers] },
      ]}
    />
  );
}
