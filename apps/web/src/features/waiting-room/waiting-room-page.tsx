import { useEffect, useId, useRef } from "react";
import { Link, Navigate, useLocation } from "react-router";
import { BackToEventNav } from "../../components/back-to-event-nav";
import { ErrorState, QueryErrorState } from "../../components/error-state";
import { describeError } from "../../lib/errors";
import { formatLongDate, formatTime, formatCount } from "../../lib/format";
import type { EventDetail } from "../../lib/types";
import { useRouteEvent } from "../../lib/use-route-event";
import { useSession } from "../../lib/use-session";
import { trpc } from "../../trpc";
import { LeaveControl } from "./leave-control";
import { ConnectionNotice, QueueConnectionIndicator } from "./queue-connection";
import {
  AdmittedPanel,
  ExpiredPanel,
  JoiningPanel,
  NotInLinePanel,
  NotOpenPanel,
  PreQueuePanel,
  StartingPanel,
  titleFor,
  WaitingPanel,
} from "./queue-panels";
import { formatWindow } from "./queue-words";
import { useQueueRoom } from "./use-queue-room";
import { RouteEventProblem } from "../../pages/route-event-problem";
import "./waiting-room.css";

/** `/events/:eventId/waiting-room` — the fan's place in line, live, until it's their turn. */
export function WaitingRoomPage() {
  const location = useLocation();
  const { user, query: session } = useSession();
  // The line itself says when the on-sale starts; the event is asked again when it answers NOT_ON_SALE.
  const route = useRouteEvent({ followOnSale: false });
  const { query: eventQuery } = route;

  if (route.notFound) return <RouteEventProblem route={route} pageTitle="Waiting room" />;
  if (user === null) {
    return (
      <Navigate to={`/signin?next=${encodeURIComponent(location.pathname + location.search)}`} replace />
    );
  }
  if (session.isError && user === undefined) {
    return (
      <div className="container page-pad">
        <title>Waiting room · Frontrow</title>
        <QueryErrorState title="We couldn't check your session" query={session} />
      </div>
    );
  }
  if (eventQuery.isError) return <RouteEventProblem route={route} pageTitle="Waiting room" />;
  if (user === undefined || eventQuery.isPending) return <WaitingRoomSkeleton />;
  const event = eventQuery.data;
  if (!event.waitingRoom) return <Navigate to={`/events/${event.id}/seats`} replace />;
  return <WaitingRoom key={event.id} event={event} />;
}

function WaitingRoom({ event }: { event: EventDetail }) {
  const id = useId();
  const location = useLocation();
  const room = useQueueRoom(event.id, true);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const focusNext = useRef(false);
  const { status } = room;
  const state = status?.state ?? null;

  // After the fan acts (leave, rejoin), focus follows to the new state's heading.
  useEffect(() => {
    if (focusNext.current && state) {
      focusNext.current = false;
      headingRef.current?.focus();
    }
  }, [state]);

  const openInfo = room.openError ? describeError(room.openError) : null;
  const notOnSale = openInfo?.domainCode === "NOT_ON_SALE";
  const utils = trpc.useUtils();
  // Not open yet, or over? The event's status says which; make sure it's current.
  useEffect(() => {
    if (notOnSale) void utils.events.byId.invalidate({ eventId: event.id });
  }, [notOnSale, utils, event.id]);

  if (openInfo && (openInfo.domainCode === "NOT_FOUND" || openInfo.code === "NOT_FOUND")) {
    // No waiting room for this event (any more): the seat map is open to everyone.
    return <Navigate to={`/events/${event.id}/seats`} replace />;
  }
  if (openInfo?.code === "UNAUTHORIZED") {
    return <Navigate to={`/signin?next=${encodeURIComponent(location.pathname)}`} replace />;
  }

  const headingId = `${id}-state`;
  const panelProps = { headingId, headingRef, timeZone: event.venue.timezone };
  const settings = event.waitingRoomSettings;
  const ended = event.status === "ended" || event.status === "cancelled";
  const act = (action: () => Promise<unknown>) => () => {
    focusNext.current = true;
    void action();
  };

  let panel;
  if (notOnSale) {
    panel = (
      <NotOpenPanel
        {...panelProps}
        eventId={event.id}
        ended={ended}
        opensAt={settings?.preQueueOpensAt ?? null}
        message={openInfo.message}
        onRetry={room.retryOpen}
      />
    );
  } else if (room.openError) {
    panel = (
      <div className="wr-panel">
        <ErrorState
          title="We couldn't get you a place in line"
          error={room.openError}
          onRetry={room.retryOpen}
        />
      </div>
    );
  } else if (!status) {
    panel = <JoiningPanel />;
  } else if (status.state === "pre_queue") {
    panel = (
      <PreQueuePanel {...panelProps} eventId={event.id} status={status} onResync={() => void room.resync()} />
    );
  } else if (status.state === "waiting") {
    panel = (
      <WaitingPanel
        {...panelProps}
        status={status}
        startAhead={room.startAhead}
        shoppingWindowSeconds={settings?.shoppingWindowSeconds ?? null}
      />
    );
  } else if (status.state === "admitted") {
    panel = <AdmittedPanel {...panelProps} eventId={event.id} status={status} />;
  } else if (status.state === "expired") {
    panel = <ExpiredPanel {...panelProps} busy={room.busy} onRejoin={act(room.joinLine)} />;
  } else if (!room.leftHere && status.entryId) {
    // Only between the on-sale and the draw: the pre-queue entry exists but has no place yet.
    panel = <StartingPanel {...panelProps} onResync={() => void room.resync()} />;
  } else {
    panel = (
      <NotInLinePanel {...panelProps} left={room.leftHere} busy={room.busy} onJoin={act(room.joinLine)} />
    );
  }
  const canLeave = state === "pre_queue" || state === "waiting";
  const hasHeading = Boolean(status) || notOnSale;
  const cardState = notOnSale ? (ended ? "closed" : "not-open") : state;

  return (
    <div className="wr">
      <title>{`${titleFor(status)} · ${event.name} · Frontrow`}</title>
      <div className="container wr__inner">
        <BackToEventNav event={event} className="wr__crumbs" />
        <header className="wr__header">
          <div className="wr__heading">
            <h1 className="wr__title">Waiting room</h1>
            <p className="wr__event">
              <span className="wr__event-name">{event.name}</span>
              <span aria-hidden="true"> · </span>
              <time dateTime={event.startsAt.toISOString()}>
                {formatLongDate(event.startsAt, event.venue.timezone)}, {formatTime(event.startsAt, event.venue.timezone)}
              </time>
              <span aria-hidden="true"> · </span>
              <span>{event.venue.name}</span>
            </p>
          </div>
          <QueueConnectionIndicator state={room.connection} />
        </header>

        {/* Said politely, and only when something worth a word changes (see nextAnnouncement). */}
        <p className="visually-hidden" aria-live="polite" aria-atomic="true">
          {room.announcement}
        </p>

        <section
          className={`wr-card${cardState ? ` wr-card--${cardState}` : ""}`}
          aria-labelledby={hasHeading ? headingId : undefined}
          aria-label={hasHeading ? undefined : "Your place in line"}
        >
          <ConnectionNotice state={room.connection} onRetry={room.reconnect} />
          {panel}
          {room.actionError ? (
            <p className="wr-alert" role="alert">
              {actionErrorMessage(room.actionError)}
            </p>
          ) : null}
          {canLeave ? (
            <LeaveControl
              preQueue={state === "pre_queue"}
              busy={room.busy}
              onLeave={() => {
                focusNext.current = true;
                return room.leaveLine();
              }}
            />
          ) : null}
        </section>

        <section className="wr-info" aria-labelledby={`${id}-how`}>
          <h2 id={`${id}-how`} className="wr-info__title">
            How the line works
          </h2>
          <ul className="wr-info__list">
            <li>
              <strong>A fair start.</strong> Everyone who arrives before the sale opens gets a random place
              when it starts. After that, fans join at the back in the order they arrive.
            </li>
            {settings ? (
              <li>
                <strong>A steady pace.</strong> About {formatCount(settings.admitRatePerMinute)} fans are let
                in per minute, so the seat map stays fast for everyone.
              </li>
            ) : null}
            {settings ? (
              <li>
                <strong>Your turn, your time.</strong> Once you're let in, you have{" "}
                {formatWindow(settings.shoppingWindowSeconds * 1000)} to choose your seats.
              </li>
            ) : null}
            <li>
              <strong>One place per fan.</strong> Refreshing, a second tab or another device keeps your place;
              leaving gives it up.
            </li>
          </ul>
          <p className="wr-info__more">
            <Link to={`/events/${event.id}/fairness`}>See the fairness record for this on-sale</Link>
          </p>
        </section>
      </div>
    </div>
  );
}

function actionErrorMessage(error: unknown): string {
  const info = describeError(error);
  if (info.network) return "We couldn't reach Frontrow. Check your connection and try again.";
  if (info.domainCode === "NOT_ON_SALE") return `${info.message}.`.replace(/\.\.$/, ".");
  if (info.domainCode === "PROOF_OF_WORK_REQUIRED") return info.message;
  if (info.domainCode === "RATE_LIMITED")
    return "Lots of fans are here right now. Give it a moment and try again.";
  return "That didn't work. Please try again.";
}

function WaitingRoomSkeleton() {
  return (
    <div className="wr" aria-busy="true">
      <title>Waiting room · Frontrow</title>
      <p className="visually-hidden" role="status">
        Loading the waiting room
      </p>
      <div className="container wr__inner" aria-hidden="true">
        <span className="skeleton skeleton--line" style={{ width: "10rem" }} />
        <span className="skeleton skeleton--heading" style={{ width: "min(20rem, 70%)" }} />
        <div className="wr-card">
          <div className="wr-panel wr-panel--loading">
            <span className="skeleton skeleton--heading" style={{ width: "min(22rem, 80%)" }} />
            <span className="skeleton skeleton--line" style={{ width: "50%" }} />
            <span className="skeleton skeleton--block" />
          </div>
        </div>
      </div>
    </div>
  );
}
