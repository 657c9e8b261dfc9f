import { Link } from "react-router";
import { CATEGORY_NAMES } from "../lib/categories";
import { formatCount, formatEventDate, formatMoney } from "../lib/format";
import type { EventSummary } from "../lib/types";
import { trpc } from "../trpc";
import { EventArt } from "./event-art";
import { EventBadges } from "./event-badges";
import { LineIcon } from "./icons";

/** A catalog card. The whole card is clickable, but the link's accessible name is just the event name. */
export function EventCard({ event, now }: { event: EventSummary; now: Date }) {
  const utils = trpc.useUtils();
  const soldOut = event.status === "sold_out" || event.available <= 0;
  const inactive = event.status === "cancelled" || event.status === "ended";
  const low = !soldOut && event.capacity > 0 && event.available / event.capacity <= 0.1;
  const prefetch = () => void utils.events.byId.prefetch({ eventId: event.id }, { staleTime: 30_000 });

  return (
    <article className={`event-card${inactive ? " event-card--inactive" : ""}`}>
      <div className="event-card__media">
        <EventArt imageUrl={event.imageUrl} category={event.category} seed={event.id} />
        <div className="event-card__badges">
          <EventBadges event={event} now={now} />
        </div>
      </div>
      <div className="event-card__body">
        <p className="event-card__meta">
          <span className="event-card__category">{CATEGORY_NAMES[event.category]}</span>
          <time dateTime={event.startsAt.toISOString()}>{formatEventDate(event.startsAt, event.venue.timezone, now)}</time>
        </p>
        <h3 className="event-card__title">
          <Link
            to={`/events/${encodeURIComponent(event.id)}`}
            className="event-card__link"
            onMouseEnter={prefetch}
            onFocus={prefetch}
          >
            {event.name}
          </Link>
        </h3>
        <p className="event-card__performer">{event.performer}</p>
        <p className="event-card__venue">
          <LineIcon
            size={14}
            strokeWidth={1.4}
            d="M8 14.5s4.5-4.2 4.5-8a4.5 4.5 0 0 0-9 0c0 3.8 4.5 8 4.5 8zm0-6.3a1.7 1.7 0 1 0 0-3.4 1.7 1.7 0 0 0 0 3.4z"
          />
          {event.venue.name} · {event.venue.city}
        </p>
        <div className="event-card__footer">
          <span className="event-card__price">
            {event.minPriceCents === null ? (
              "Prices TBA"
            ) : (
              <>
                from <strong>{formatMoney(event.minPriceCents, event.currency)}</strong>
              </>
            )}
          </span>
          {inactive ? null : (
            <span className={`event-card__availability${soldOut ? " is-sold-out" : low ? " is-low" : ""}`}>
              {soldOut ? "Sold out" : `${formatCount(event.available)} left`}
            </span>
          )}
        </div>
      </div>
    </article>
  );
}
