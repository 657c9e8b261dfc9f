import { formatOnSaleTime } from "../lib/format";
import type { EventStatus } from "../lib/types";
import { LineIcon } from "./icons";

interface BadgeEvent {
  status: EventStatus;
  onSaleAt: Date;
  venue: { timezone: string };
  waitingRoom: boolean;
  available: number;
}

/** Status badges for an event: on sale / on sale <when> / sold out / cancelled …, plus "Waiting room". */
export function EventBadges({ event, now }: { event: BadgeEvent; now?: Date }) {
  const soldOut = event.status === "sold_out" || (event.status === "on_sale" && event.available <= 0);
  const showWaitingRoom =
    event.waitingRoom && (event.status === "scheduled" || (event.status === "on_sale" && !soldOut));
  return (
    <ul className="badges" aria-label="Status">
      {statusBadge(event, soldOut, now)}
      {showWaitingRoom ? (
        <li className="badge badge--violet">
          <LineIcon
            size={12}
            strokeWidth={1.5}
            strokeLinecap="round"
            d="M5 5.5a2 2 0 1 0 0-.01M11 5.5a2 2 0 1 0 0-.01M1.5 13c.4-2.2 1.8-3.5 3.5-3.5s3.1 1.3 3.5 3.5M7.5 13c.4-2.2 1.8-3.5 3.5-3.5s3.1 1.3 3.5 3.5"
          />
          Waiting room
        </li>
      ) : null}
    </ul>
  );
}

function statusBadge(event: BadgeEvent, soldOut: boolean, now?: Date) {
  if (soldOut) return <li className="badge badge--dark">Sold out</li>;
  switch (event.status) {
    case "on_sale":
      return (
        <li className="badge badge--green">
          <span className="badge__dot" aria-hidden="true" />
          On sale
        </li>
      );
    case "scheduled":
      return (
        <li className="badge badge--amber">
          On sale <time dateTime={event.onSaleAt.toISOString()}>{formatOnSaleTime(event.onSaleAt, event.venue.timezone, now)}</time>
        </li>
      );
    case "paused":
      return <li className="badge badge--amber">Sales paused</li>;
    case "ended":
      return <li className="badge badge--neutral">Ended</li>;
    case "cancelled":
      return <li className="badge badge--red">Cancelled</li>;
    default:
      return null;
  }
}
