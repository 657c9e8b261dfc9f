import { useId } from "react";
import { Link } from "react-router";
import { AvailabilityBar } from "../../components/availability-bar";
import { Countdown } from "../../components/countdown";
import { EventArt } from "../../components/event-art";
import { EventBadges } from "../../components/event-badges";
import { PriceTierLegend } from "../../components/price-tier-legend";
import { SectionsTable } from "../../components/sections-table";
import { CATEGORY_NAMES } from "../../lib/categories";
import { formatCount, formatDuration, formatLongDate, formatMoney, formatTime } from "../../lib/format";
import type { EventDetail } from "../../lib/types";
import { useEventUpdates } from "../../lib/use-event-updates";
import { useRouteEvent } from "../../lib/use-route-event";
import { RouteEventProblem } from "../../pages/route-event-problem";
import { WaitingListPanel } from "../waiting-list/waiting-list-panel";

/** `/events/:eventId` — everything about one event before the seat map opens. */
export function EventPage() {
  const route = useRouteEvent();
  const { eventId, query, notFound } = route;
  useEventUpdates(eventId, { enabled: !notFound });
  if (notFound || query.isError) return <RouteEventProblem route={route} pageTitle="Event" />;
  if (query.isPending) return <EventPageSkeleton />;
  return <EventDetails event={query.data} onSaleOpened={() => void query.refetch()} />;
}

/** The time on the viewer's own clock, when it differs from the venue's: "4:30 PM PST". */
function viewerLocalTime(date: Date, timeZone: string): string | null {
  const here = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const there = formatTime(date, timeZone);
  const yours = formatTime(date, here);
  return there === yours ? null : yours;
}

function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((part) => part.trim())
    .filter(Boolean);
}

function EventDetails({ event, onSaleOpened }: { event: EventDetail; onSaleOpened: () => void }) {
  const id = useId();
  const soldOut = event.status === "sold_out" || (event.status === "on_sale" && event.available <= 0);
  const tz = event.venue.timezone;
  const yourTime = viewerLocalTime(event.startsAt, tz);
  const about = paragraphs(event.description ?? "");
  const minPrice =
    event.minPriceCents ??
    (event.sections.length > 0 ? Math.min(...event.sections.map((section) => section.priceCents)) : null);
  const room = event.waitingRoomSettings;
  const canChooseSeats = event.status === "on_sale";
  const joinWaitingRoom = event.waitingRoom && (event.status === "on_sale" || event.status === "scheduled");

  return (
    <article className="event-page">
      <title>{`${event.name} · Frontrow`}</title>
      <header className="event-hero">
        <div className="container event-hero__inner">
          <EventArt
            imageUrl={event.imageUrl}
            category={event.category}
            seed={event.id}
            className="event-hero__art"
          />
          <div className="event-hero__text">
            <nav aria-label="Breadcrumb" className="event-hero__crumbs">
              <Link to="/">All events</Link>
              <span aria-hidden="true"> / </span>
              <Link to={`/?category=${event.category}`}>{CATEGORY_NAMES[event.category]}</Link>
            </nav>
            <h1 className="event-hero__title">{event.name}</h1>
            <p className="event-hero__performer">{event.performer}</p>
            <dl className="event-hero__facts">
              <div>
                <dt>When</dt>
                <dd>
                  <time dateTime={event.startsAt.toISOString()}>
                    {formatLongDate(event.startsAt, tz)} · {formatTime(event.startsAt, tz)}
                  </time>
                  {yourTime ? <span className="event-hero__aside"> ({yourTime} your time)</span> : null}
                  {event.doorsAt ? (
                    <span className="event-hero__aside"> · Doors {formatTime(event.doorsAt, tz)}</span>
                  ) : null}
                </dd>
              </div>
              <div>
                <dt>Where</dt>
                <dd>
                  <span className="event-hero__venue">{event.venue.name}</span>
                  <address>
                    {event.venue.address}
                    {event.venue.address.includes(event.venue.city) ? "" : `, ${event.venue.city}`}
                  </address>
                </dd>
              </div>
            </dl>
          </div>
        </div>
      </header>

      <div className="container event-layout">
        <aside className="ticket-panel" aria-labelledby={`${id}-tickets`}>
          <h2 id={`${id}-tickets`} className="ticket-panel__title">
            Tickets
          </h2>
          <EventBadges event={event} />
          <StatusMessage event={event} soldOut={soldOut} onSaleOpened={onSaleOpened} />
          {minPrice !== null && event.status !== "cancelled" && event.status !== "ended" ? (
            <p className="ticket-panel__price">
              from <strong>{formatMoney(minPrice, event.currency)}</strong>
              {event.feeCents > 0 ? <span> + {formatMoney(event.feeCents, event.currency)} fee</span> : null}
            </p>
          ) : null}
          {event.status !== "cancelled" && event.status !== "ended" ? (
            <AvailabilityBar available={event.available} capacity={event.capacity} />
          ) : null}
          {joinWaitingRoom ? (
            <Link
              to={`/events/${event.id}/waiting-room`}
              className="button button--primary button--block"
              aria-describedby={`${id}-cta-note`}
            >
              Join the waiting room
            </Link>
          ) : canChooseSeats ? (
            <Link
              to={`/events/${event.id}/seats`}
              className="button button--primary button--block"
              aria-describedby={`${id}-cta-note`}
            >
              Choose seats
            </Link>
          ) : (
            <button
              type="button"
              className="button button--primary button--block"
              disabled
              aria-describedby={`${id}-cta-note`}
            >
              Choose seats
            </button>
          )}
          <p id={`${id}-cta-note`} className="ticket-panel__note">
            {joinWaitingRoom
              ? event.status === "scheduled"
                ? "Everyone who joins before the on-sale gets a random place in line."
                : "Fans are let in to the seat map in order. Join the line to get your place."
              : canChooseSeats
                ? event.waitingRoom
                  ? "Pick your seats on the live map. This on-sale uses a waiting room."
                  : "Pick your seats on the live map."
                : event.status === "scheduled"
                  ? "Seat selection opens at the on-sale."
                  : "Seat selection is closed."}
          </p>
          <WaitingListPanel event={event} soldOut={soldOut} />
          <ul className="ticket-panel__facts">
            <li>
              <FactIcon kind="ticket" />
              Up to {formatCount(event.perFanLimit)} {event.perFanLimit === 1 ? "ticket" : "tickets"} per fan
            </li>
            <li>
              <FactIcon kind="clock" />
              Seats are held for {formatDuration(event.holdSeconds)} while you check out
            </li>
          </ul>
        </aside>

        <div className="event-main">
          {about.length > 0 ? (
            <section aria-labelledby={`${id}-about`} className="card event-section">
              <h2 id={`${id}-about`}>About this event</h2>
              <div className="prose">
                {about.map((text, index) => (
                  <p key={index}>{text}</p>
                ))}
              </div>
            </section>
          ) : null}

          <section aria-labelledby={`${id}-sections`} className="card event-section">
            <div className="event-section__heading">
              <h2 id={`${id}-sections`}>Sections &amp; prices</h2>
              <p className="event-section__summary">
                {formatCount(event.sections.length)} {event.sections.length === 1 ? "section" : "sections"} ·{" "}
                {formatCount(event.capacity)} capacity
              </p>
            </div>
            {event.priceTiers.length > 0 ? (
              <div className="event-section__legend">
                <h3 className="visually-hidden">Price tiers</h3>
                <PriceTierLegend tiers={event.priceTiers} currency={event.currency} />
              </div>
            ) : null}
            {event.sections.length > 0 ? (
              <SectionsTable
                sections={event.sections}
                tiers={event.priceTiers}
                currency={event.currency}
                caption={`Sections, prices and availability for ${event.name}`}
              />
            ) : (
              <p className="muted">Sections will be announced soon.</p>
            )}
          </section>

          <section aria-labelledby={`${id}-know`} className="card event-section">
            <h2 id={`${id}-know`}>Good to know</h2>
            <dl className="info-list">
              <div>
                <dt>Ticket limit</dt>
                <dd>
                  Up to {formatCount(event.perFanLimit)} {event.perFanLimit === 1 ? "ticket" : "tickets"} per
                  fan, counting seats you hold and seats you have bought.
                </dd>
              </div>
              <div>
                <dt>Holding seats</dt>
                <dd>
                  Seats you pick are yours for {formatDuration(event.holdSeconds)} while you check out. After
                  that they go back on sale.
                </dd>
              </div>
              <div>
                <dt>Fees</dt>
                <dd>
                  {event.feeCents > 0
                    ? `A service fee of ${formatMoney(event.feeCents, event.currency)} applies to each ticket.`
                    : "No service fees on this event."}
                </dd>
              </div>
              {event.waitingRoom ? (
                <div>
                  <dt>Waiting room</dt>
                  <dd>
                    {room?.preQueueOpensAt ? (
                      <>
                        The waiting room opens{" "}
                        <time dateTime={room.preQueueOpensAt.toISOString()}>
                          {formatLongDate(room.preQueueOpensAt, tz)} at {formatTime(room.preQueueOpensAt, tz)}
                        </time>
                        .{" "}
                      </>
                    ) : null}
                    Everyone who joins before the on-sale gets a place in a random, verifiable order when it
                    starts; later arrivals join the back of the line.
                    {room
                      ? ` Once you're let in, you have ${formatDuration(room.shoppingWindowSeconds)} to pick your seats.`
                      : ""}
                  </dd>
                </div>
              ) : null}
            </dl>
          </section>
        </div>
      </div>
    </article>
  );
}

function StatusMessage({
  event,
  soldOut,
  onSaleOpened,
}: {
  event: EventDetail;
  soldOut: boolean;
  onSaleOpened: () => void;
}) {
  if (event.status === "cancelled") {
    return <p className="ticket-panel__status">This event has been cancelled.</p>;
  }
  if (event.status === "ended") {
    return <p className="ticket-panel__status">This event has ended.</p>;
  }
  if (soldOut) {
    return (
      <p className="ticket-panel__status">
        {event.waitingList
          ? "All tickets are sold. Join the waiting list: seats that come back are offered to fans in turn."
          : "All tickets are sold. Seats released by other fans go straight back on sale."}
      </p>
    );
  }
  if (event.status === "paused") {
    return <p className="ticket-panel__status">Sales are paused for a moment. Check back shortly.</p>;
  }
  if (event.status === "scheduled") {
    return (
      <>
        <p className="ticket-panel__status">
          Tickets go on sale{" "}
          <time dateTime={event.onSaleAt.toISOString()}>
            {formatLongDate(event.onSaleAt, event.venue.timezone)} at {formatTime(event.onSaleAt, event.venue.timezone)}
          </time>
          .
        </p>
        <Countdown target={event.onSaleAt} onDone={onSaleOpened} label="On sale in" />
      </>
    );
  }
  return (
    <p className="ticket-panel__status">
      {event.waitingRoom
        ? "On sale now. Fans are let in from the waiting room in a fair order."
        : "On sale now."}
    </p>
  );
}

function FactIcon({ kind }: { kind: "ticket" | "clock" }) {
  return (
    <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" className="fact-icon">
      {kind === "ticket" ? (
        <path
          d="M3 6h14v2.5a1.5 1.5 0 0 0 0 3V14H3v-2.5a1.5 1.5 0 0 0 0-3zM12 6v8"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.5"
          strokeLinejoin="round"
        />
      ) : (
        <>
          <circle cx="10" cy="10" r="7" fill="none" stroke="currentColor" strokeWidth="1.5" />
          <path d="M10 6v4l2.5 2" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
        </>
      )}
    </svg>
  );
}

function EventPageSkeleton() {
  return (
    <div aria-busy="true">
      <title>Loading event · Frontrow</title>
      <p className="visually-hidden" role="status">
        Loading event
      </p>
      <div className="event-hero">
        <div className="container event-hero__inner" aria-hidden="true">
          <div className="event-art event-hero__art skeleton skeleton--dark" />
          <div className="event-hero__text">
            <span className="skeleton skeleton--dark skeleton--line" style={{ width: "30%" }} />
            <span className="skeleton skeleton--dark skeleton--heading" style={{ width: "70%" }} />
            <span className="skeleton skeleton--dark skeleton--line" style={{ width: "40%" }} />
            <span className="skeleton skeleton--dark skeleton--line" style={{ width: "55%" }} />
          </div>
        </div>
      </div>
      <div className="container event-layout" aria-hidden="true">
        <div className="ticket-panel">
          <span className="skeleton skeleton--title" style={{ width: "40%" }} />
          <span className="skeleton skeleton--line" style={{ width: "80%" }} />
          <span className="skeleton skeleton--block" />
        </div>
        <div className="event-main">
          <span className="skeleton skeleton--title" style={{ width: "35%" }} />
          <span className="skeleton skeleton--line" />
          <span className="skeleton skeleton--line" style={{ width: "90%" }} />
          <span className="skeleton skeleton--block" />
        </div>
      </div>
    </div>
  );
}
