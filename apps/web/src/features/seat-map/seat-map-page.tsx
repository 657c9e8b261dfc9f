import { useState, type ReactNode } from "react";
import { Link, Navigate } from "react-router";
import { loadAccessPass } from "../../lib/access-pass";
import { BackToEventNav } from "../../components/back-to-event-nav";
import { Countdown } from "../../components/countdown";
import { formatLongDate, formatTime } from "../../lib/format";
import type { EventDetail } from "../../lib/types";
import { useSession } from "../../lib/use-session";
import { SeatMapScreen } from "./seat-map-screen";
import { SeatMapSkeleton } from "./seat-map-skeleton";
import { useEventUpdates } from "../../lib/use-event-updates";
import { useRouteEvent } from "../../lib/use-route-event";
import { RouteEventProblem } from "../../pages/route-event-problem";

/** `/events/:eventId/seats` — the live seat map. */
export function SeatMapPage() {
  const route = useRouteEvent();
  const { eventId, query, notFound } = route;
  useEventUpdates(eventId, { enabled: !notFound });
  const { user } = useSession();
  if (notFound || query.isError) return <RouteEventProblem route={route} pageTitle="Seats" />;
  if (query.isPending) {
    return (
      <div className="seat-page">
        <title>Loading seats · Frontrow</title>
        <div className="seat-page__header">
          <div className="container-wide" aria-hidden="true">
            <span className="skeleton skeleton--line" style={{ width: "12rem" }} />
            <span className="skeleton skeleton--heading" style={{ width: "min(28rem, 80%)" }} />
          </div>
        </div>
        <SeatMapSkeleton />
      </div>
    );
  }

  const event = query.data;
  // A waiting-room on-sale can't be shopped without a pass: the line comes first.
  if (event.waitingRoom && event.status === "on_sale" && !loadAccessPass(event.id)) {
    return <Navigate to={`/events/${event.id}/waiting-room`} replace />;
  }
  const closed = event.status === "ended" || event.status === "cancelled";
  const interactive = event.status === "on_sale" || event.status === "sold_out";
  return (
    <div className="seat-page">
      <title>{`Seats · ${event.name} · Frontrow`}</title>
      <header className="seat-page__header">
        <div className="container-wide">
          <BackToEventNav event={event} className="seat-page__crumbs" />
          <h1 className="seat-page__title">Choose your seats</h1>
          <p className="seat-page__facts">
            <span>{event.name}</span>
            <span aria-hidden="true"> · </span>
            <time dateTime={event.startsAt.toISOString()}>
              {formatLongDate(event.startsAt, event.venue.timezone)}, {formatTime(event.startsAt, event.venue.timezone)}
            </time>
            <span aria-hidden="true"> · </span>
            <span>
              {event.venue.name}, {event.venue.city}
            </span>
          </p>
        </div>
      </header>
      <SaleStatus event={event} onSaleOpened={() => void query.refetch()} />
      <SeatMapBody key={event.id} event={event} user={user} closed={closed} interactive={interactive} />
    </div>
  );
}

/**
 * The map itself, not shown for an event that had already ended or been cancelled. One that closes while the fan
 * is looking stays on screen (no longer interactive), so the notice saying so appears where they were looking.
 */
function SeatMapBody({
  event,
  user,
  closed,
  interactive,
}: {
  event: EventDetail;
  user: ReturnType<typeof useSession>["user"];
  closed: boolean;
  interactive: boolean;
}) {
  const [openWhenShown] = useState(!closed);
  if (closed && !openWhenShown) return null;
  return <SeatMapScreen event={event} user={user} interactive={interactive} />;
}

/** Why seats can't be picked right now (and when they can), or that the event is sold out. */
function SaleStatus({ event, onSaleOpened }: { event: EventDetail; onSaleOpened: () => void }) {
  let content: ReactNode = null;
  switch (event.status) {
    case "scheduled":
      content = (
        <>
          <div>
            <p className="sale-status__title">Tickets aren't on sale yet</p>
            <p>
              They go on sale{" "}
              <time dateTime={event.onSaleAt.toISOString()}>
                {formatLongDate(event.onSaleAt, event.venue.timezone)} at {formatTime(event.onSaleAt, event.venue.timezone)}
              </time>
              . Look around the venue now; seat selection opens right here at the on-sale.
            </p>
          </div>
          <Countdown target={event.onSaleAt} onDone={onSaleOpened} label="On sale in" />
        </>
      );
      break;
    case "paused":
      content = (
        <div>
          <p className="sale-status__title">Sales are paused for a moment</p>
          <p>Seat selection is back as soon as sales resume. Keep this page open.</p>
        </div>
      );
      break;
    case "sold_out":
      content = (
        <div>
          <p className="sale-status__title">Sold out right now</p>
          <p>Seats that other fans release come straight back on this map. Keep it open to catch them.</p>
        </div>
      );
      break;
    case "ended":
    case "cancelled":
      content = (
        <div>
          <p className="sale-status__title">
            {event.status === "ended" ? "This event has ended" : "This event has been cancelled"}
          </p>
          <p>
            Tickets are no longer on sale. <Link to="/">Find another event</Link>.
          </p>
        </div>
      );
      break;
    default:
      return null;
  }
  return (
    <div className="container-wide">
      <div className={`sale-status sale-status--${event.status}`} role="status">
        {content}
      </div>
    </div>
  );
}
