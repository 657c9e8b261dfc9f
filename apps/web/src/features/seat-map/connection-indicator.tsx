import type { ConnectionState } from "./use-seat-map-state";

const TEXT: Record<ConnectionState, string> = {
  live: "Live",
  connecting: "Connecting…",
  reconnecting: "Reconnecting…",
  offline: "Offline",
};

interface ConnectionIndicatorProps {
  state: ConnectionState;
  onRetry: () => void;
  /** What "Live" means here, for screen readers. */
  liveText?: string;
}

/** "Live" while changes stream in; "Reconnecting…" while the socket is down. */
export function ConnectionIndicator({
  state,
  onRetry,
  liveText = "seats update as other fans pick them",
}: ConnectionIndicatorProps) {
  return (
    <span className={`connection connection--${state}`} role="status" aria-live="polite">
      <span className="connection__dot" aria-hidden="true" />
      <span className="connection__text">{TEXT[state]}</span>
      {state === "live" ? <span className="visually-hidden">: {liveText}</span> : null}
      {state === "offline" ? (
        <button type="button" className="connection__retry" onClick={onRetry}>
          Retry
        </button>
      ) : null}
    </span>
  );
}
