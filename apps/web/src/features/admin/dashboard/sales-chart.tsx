import { formatCount, formatTime } from "../../../lib/format";
import { useNow } from "../../../lib/use-now";
import { TimeSeriesChart } from "./time-series-chart";
import type { EventDashboard } from "./use-live-dashboard";

const HOUR_MS = 60 * 60_000;
const MINUTE_MS = 60_000;
const SHORTEST_WINDOW_MS = 15 * MINUTE_MS;

/** Tickets sold per minute over the last hour, one bar a minute. */
export function SalesChart({
  salesPerMinute,
  timeZone,
}: {
  salesPerMinute: EventDashboard["salesPerMinute"];
  timeZone: string;
}) {
  const now = useNow(15_000);
  // Whole minutes, the current one included, so its bar is as wide as the others.
  const to = new Date(Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS + MINUTE_MS);
  const hourAgo = to.getTime() - HOUR_MS;
  const points = salesPerMinute
    .filter((minute) => minute.minute.getTime() >= hourAgo)
    .map((minute) => ({ at: minute.minute, value: minute.tickets }));
  // The window starts with the first sale of the hour (fifteen minutes at least), so a fresh on-sale is readable.
  const from = new Date(
    Math.max(hourAgo, Math.min(points[0]?.at.getTime() ?? hourAgo, to.getTime() - SHORTEST_WINDOW_MS)),
  );
  const total = points.reduce((sum, point) => sum + point.value, 0);
  const busiest = points.reduce<(typeof points)[number] | undefined>(
    (best, point) => (!best || point.value > best.value ? point : best),
    undefined,
  );
  const summary =
    total === 0
      ? "No tickets sold in the last hour."
      : `${formatCount(total)} ${total === 1 ? "ticket" : "tickets"} sold in the last hour; the busiest minute, ${formatTime(busiest!.at, timeZone)}, sold ${formatCount(busiest!.value)}.`;
  return (
    <TimeSeriesChart
      timeZone={timeZone}
      title="Sales over time"
      summary={summary}
      kind="bars"
      bucketMs={MINUTE_MS}
      series={[{ name: "Tickets sold", points }]}
      from={from}
      to={to}
      formatValue={(value) => formatCount(value)}
      tableRows={points.map((point) => ({ at: point.at, values: [point.value] }))}
      valueHeading={["Tickets sold that minute"]}
      empty={<p className="muted">Sales of the last hour will show here, minute by minute.</p>}
    />
  );
}
