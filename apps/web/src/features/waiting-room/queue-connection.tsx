import type { QueueConnection } from "./use-queue-room";

const TEXT: Record<Exclude<QueueConnection, "idle">, string> = {
  live: "Live",
  connecting: "Connecting…",
  reconnecting: "Reconnecting…",
  offline: "Offline",
};

/**
 * Whether the position feed is connected. Quiet for assistive tech while all is well; a lost connection is said
 * once by the notice under it (see `ConnectionNotice`).
 */
export function QueueConnectionIndicator({ state }: { state: QueueConnection }) {
  if (state === "idle") return null;
  return (
    <span className={`wr-connection wr-connection--${state}`}>
      <span className="wr-connection__dot" aria-hidden="true" />
      <span>{TEXT[state]}</span>
      {state === "live" ? <span className="visually-hidden">: your place updates by itself</span> : null}
    </span>
  );
}

/** Shown while the feed is down: the place is kept on the server whatever happens to this page. */
export function ConnectionNotice({ state, onRetry }: { state: QueueConnection; onRetry: () => void }) {
  const down = state === "reconnecting" || state === "offline";
  return (
    <div role="status" className={down ? "wr-notice" : "visually-hidden"}>
      {down ? (
        <>
          <p>
            {state === "offline" ? "We lost the live connection." : "Reconnecting to the line…"} Your place is
            kept either way.
          </p>
          {state === "offline" ? (
            <button type="button" className="button button--secondary button--small" onClick={onRetry}>
              Reconnect
            </button>
          ) : null}
        </>
      ) : null}
    </div>
  );
}
