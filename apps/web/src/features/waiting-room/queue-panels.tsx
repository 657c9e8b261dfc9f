import { useEffect, useEffectEvent, type ReactNode, type Ref } from "react";
import { Link, useNavigate } from "react-router";
import { Countdown } from "../../components/countdown";
import { BusyButton } from "../../components/busy-button";
import { Spinner } from "../../components/spinner";
import { formatCount, formatLongDate, formatTime } from "../../lib/format";
import { useNow } from "../../lib/use-now";
import { lineProgress } from "./progress-store";
import { aheadPhrase, formatWait, formatWindow } from "./queue-words";
import type { QueueStatus } from "./types";

/** How long "It's your turn!" stays up before the seat map opens by itself. */
export const ADMITTED_REDIRECT_MS = 4_000;

/** The heading every panel starts with; focusable so the page can move focus to it after the fan acts. */
export function PanelHeading({
  id,
  headingRef,
  children,
  eyebrow,
}: {
  id: string;
  headingRef: Ref<HTMLHeadingElement>;
  children: ReactNode;
  eyebrow?: string;
}) {
  return (
    <div className="wr-panel__heading">
      {eyebrow ? <p className="wr-eyebrow">{eyebrow}</p> : null}
      <h2 id={id} ref={headingRef} tabIndex={-1} className="wr-panel__title">
        {children}
      </h2>
    </div>
  );
}

interface PanelProps {
  headingId: string;
  headingRef: Ref<HTMLHeadingElement>;
  /** The venue's zone: every time shown is the venue's, labelled. */
  timeZone: string;
}

function SeedHash({ eventId, seedHash }: { eventId: string; seedHash: string | undefined }) {
  return (
    <div className="wr-fairness">
      <p className="wr-fairness__label">Committed fairness seed (SHA-256)</p>
      {seedHash ? (
        <code className="wr-code">{seedHash}</code>
      ) : (
        <p className="muted">This event's seed hash hasn't been published.</p>
      )}
      <p className="wr-fairness__text">
        The draw's seed was fixed before the waiting room opened; only its hash is public until the sale
        starts. <Link to={`/events/${eventId}/fairness`}>How to check the draw</Link>
      </p>
    </div>
  );
}

export function PreQueuePanel({
  headingId,
  headingRef,
  timeZone,
  eventId,
  status,
  onResync,
}: PanelProps & { eventId: string; status: QueueStatus; onResync: () => void }) {
  const now = useNow(1000);
  const started = now.getTime() >= status.startsAt.getTime();
  const resync = useEffectEvent(onResync);
  useEffect(() => {
    if (!started) return;
    // The line is pushed to us when it starts; if that push is slow, read it once.
    const timer = window.setTimeout(() => resync(), 4_000);
    return () => window.clearTimeout(timer);
  }, [started]);

  return (
    <div className="wr-panel">
      <PanelHeading id={headingId} headingRef={headingRef} eyebrow="Pre-queue">
        You're in. The sale hasn't started yet.
      </PanelHeading>
      <p className="wr-lead">
        Everyone who arrives before the start gets a random place in line when the sale opens.
      </p>
      {started ? (
        <p className="wr-opening" role="status">
          <Spinner />
          The sale is opening. Drawing places in line…
        </p>
      ) : (
        <Countdown target={status.startsAt} label="The sale opens in" />
      )}
      <p className="wr-note">
        Sale opens{" "}
        <time dateTime={status.startsAt.toISOString()}>
          {formatLongDate(status.startsAt, timeZone)} at {formatTime(status.startsAt, timeZone)}
        </time>
        . Keep this page open: it switches to your place in line by itself. Arriving earlier doesn't get you a
        better place, so there's no need to refresh.
      </p>
      <SeedHash eventId={eventId} seedHash={status.fairness?.seedHash} />
      {status.entryId ? (
        <p className="wr-entry">
          Your entry in the draw: <code className="wr-code wr-code--inline">{status.entryId}</code>
        </p>
      ) : null}
    </div>
  );
}

export function WaitingPanel({
  headingId,
  headingRef,
  status,
  startAhead,
  shoppingWindowSeconds,
}: PanelProps & { status: QueueStatus; startAhead: number | null; shoppingWindowSeconds: number | null }) {
  const ahead = status.ahead ?? Math.max(0, (status.position ?? 1) - 1);
  const position = status.position ?? ahead + 1;
  const percent = Math.round(lineProgress(startAhead, ahead) * 100);
  return (
    <div className="wr-panel">
      <div className="wr-panel__heading">
        <p className="wr-eyebrow">In line</p>
        <h2 id={headingId} ref={headingRef} tabIndex={-1} className="wr-panel__title wr-position">
          You are number <strong className="wr-position__number">{formatCount(position)}</strong> in line
        </h2>
      </div>
      <p className="wr-ahead">{aheadPhrase(ahead)}</p>
      <div className="wr-progress-group">
        <div
          className="wr-progress"
          role="progressbar"
          aria-label="Progress to the front of the line"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-valuetext={`${percent}% of the way to the front`}
        >
          {/* A sliver even at 0%, so the bar reads as a bar. */}
          <span
            className="wr-progress__fill"
            style={{ transform: `scaleX(${Math.max(percent, 2) / 100})` }}
          />
        </div>
        <p className="wr-progress__ends" aria-hidden="true">
          <span>Where you joined</span>
          <span>Front of the line</span>
        </p>
      </div>
      <dl className="wr-stats">
        <div>
          <dt>Estimated wait</dt>
          <dd>{status.etaSeconds === undefined ? "Working it out…" : formatWait(status.etaSeconds)}</dd>
        </div>
        {shoppingWindowSeconds ? (
          <div>
            <dt>Once you're let in</dt>
            <dd>{formatWindow(shoppingWindowSeconds * 1000)} to choose seats</dd>
          </div>
        ) : null}
      </dl>
      <p className="wr-note">
        Your place is saved: refreshing, another tab or another device keeps it. When your turn comes, this
        page takes you to the seat map.
      </p>
    </div>
  );
}

export function AdmittedPanel({
  headingId,
  headingRef,
  timeZone,
  eventId,
  status,
}: PanelProps & { eventId: string; status: QueueStatus }) {
  const navigate = useNavigate();
  const now = useNow(1000);
  const seatsUrl = `/events/${eventId}/seats`;
  const until = status.admittedUntil;
  const remaining = until ? until.getTime() - now.getTime() : null;

  useEffect(() => {
    const timer = window.setTimeout(() => void navigate(seatsUrl), ADMITTED_REDIRECT_MS);
    return () => window.clearTimeout(timer);
  }, [navigate, seatsUrl]);

  return (
    <div className="wr-panel wr-panel--admitted">
      <PanelHeading id={headingId} headingRef={headingRef} eyebrow="You're in">
        It's your turn!
      </PanelHeading>
      {until && remaining !== null && remaining > 0 ? (
        <p className="wr-lead">
          You have <strong>{formatWindow(remaining)}</strong> to choose your seats (until{" "}
          <time dateTime={until.toISOString()}>{formatTime(until, timeZone)}</time>).
        </p>
      ) : (
        <p className="wr-lead">Your time to choose seats starts now.</p>
      )}
      <p className="wr-opening">
        <Spinner />
        Taking you to the seat map…
      </p>
      <Link to={seatsUrl} className="button button--primary button--large wr-cta">
        Go to the seat map now
      </Link>
    </div>
  );
}

export function ExpiredPanel({
  headingId,
  headingRef,
  busy,
  onRejoin,
}: PanelProps & { busy: boolean; onRejoin: () => void }) {
  return (
    <div className="wr-panel">
      <PanelHeading id={headingId} headingRef={headingRef} eyebrow="Time's up">
        Your shopping window ended
      </PanelHeading>
      <p className="wr-lead">
        Your time to choose seats ran out, so the slot went to the next fan in line. You can join again;
        you'll start at the back of the line.
      </p>
      <BusyButton
        type="button"
        className="button button--primary button--large wr-cta"
        busy={busy}
        onClick={onRejoin}
      >
        Rejoin the line
      </BusyButton>
    </div>
  );
}

export function NotInLinePanel({
  headingId,
  headingRef,
  left,
  busy,
  onJoin,
}: PanelProps & { left: boolean; busy: boolean; onJoin: () => void }) {
  return (
    <div className="wr-panel">
      <PanelHeading id={headingId} headingRef={headingRef} eyebrow="Not in line">
        {left ? "You left the line" : "You're not in the line"}
      </PanelHeading>
      <p className="wr-lead">
        {left
          ? "Your place was given up. You can join again at any time; after the sale has opened you'll start at the back."
          : "Join the waiting room to get a place in line."}
      </p>
      <BusyButton
        type="button"
        className="button button--primary button--large wr-cta"
        busy={busy}
        onClick={onJoin}
      >
        Join the waiting room
      </BusyButton>
    </div>
  );
}

/** Between the on-sale and the draw: the pre-queue entry exists but has no place yet. */
export function StartingPanel({ headingId, headingRef, onResync }: PanelProps & { onResync: () => void }) {
  const resync = useEffectEvent(onResync);
  useEffect(() => {
    const timer = window.setTimeout(() => resync(), 3_000);
    return () => window.clearTimeout(timer);
  }, []);
  return (
    <div className="wr-panel" aria-busy="true">
      <PanelHeading id={headingId} headingRef={headingRef} eyebrow="Starting">
        The sale is opening
      </PanelHeading>
      <p className="wr-opening">
        <Spinner />
        Drawing places in line… This page updates by itself.
      </p>
    </div>
  );
}

export function JoiningPanel() {
  return (
    <div className="wr-panel wr-panel--loading" aria-busy="true">
      <p className="wr-opening" role="status">
        <Spinner />
        Finding your place in line…
      </p>
      <span className="skeleton skeleton--heading" style={{ width: "min(22rem, 80%)" }} aria-hidden="true" />
      <span className="skeleton skeleton--line" style={{ width: "50%" }} aria-hidden="true" />
      <span className="skeleton skeleton--block" aria-hidden="true" />
    </div>
  );
}

/** NOT_ON_SALE on join: the room isn't open yet, or the sale is over. */
export function NotOpenPanel({
  headingId,
  headingRef,
  timeZone,
  eventId,
  ended,
  opensAt,
  message,
  onRetry,
}: PanelProps & {
  eventId: string;
  ended: boolean;
  opensAt: Date | null;
  message: string;
  onRetry: () => void;
}) {
  const now = useNow(1000, !ended);
  const opensLater = !ended && opensAt !== null && opensAt.getTime() > now.getTime();
  if (ended) {
    return (
      <div className="wr-panel">
        <PanelHeading id={headingId} headingRef={headingRef} eyebrow="Closed">
          This sale has ended
        </PanelHeading>
        <p className="wr-lead">The waiting room is closed because tickets are no longer on sale.</p>
        <Link to={`/events/${eventId}`} className="button button--secondary wr-cta">
          Back to the event
        </Link>
      </div>
    );
  }
  return (
    <div className="wr-panel">
      <PanelHeading id={headingId} headingRef={headingRef} eyebrow="Not open yet">
        The line isn't open yet
      </PanelHeading>
      {opensAt ? (
        <p className="wr-lead">
          It opens{" "}
          <time dateTime={opensAt.toISOString()}>
            {formatLongDate(opensAt, timeZone)} at {formatTime(opensAt, timeZone)}
          </time>
          . Everyone who arrives between then and the start of the sale gets a random place in line, so
          there's no rush to be first.
        </p>
      ) : (
        <p className="wr-lead">{message}</p>
      )}
      {opensLater && opensAt ? (
        <Countdown target={opensAt} label="Opens in" onDone={onRetry} />
      ) : (
        <button type="button" className="button button--primary wr-cta" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** `1,234`-style count for the page title, kept short. */
export function titleFor(status: QueueStatus | null): string {
  if (!status) return "Waiting room";
  switch (status.state) {
    case "waiting":
      return `#${formatCount(status.position ?? 0)} in line`;
    case "admitted":
      return "Your turn";
    case "pre_queue":
      return "Pre-queue";
    case "expired":
      return "Window ended";
    default:
      return "Waiting room";
  }
}
