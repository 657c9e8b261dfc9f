import { describeError } from "../lib/errors";

/** An error panel with a retry button; announced to assistive tech. */
export function ErrorState({
  title = "Something went wrong",
  error,
  onRetry,
  retrying = false,
  compact = false,
}: {
  title?: string;
  error: unknown;
  onRetry?: () => void;
  retrying?: boolean;
  compact?: boolean;
}) {
  const info = describeError(error);
  const detail = info.network
    ? "We couldn't reach Frontrow. Check your connection and try again."
    : info.domainCode === "RATE_LIMITED"
      ? "Lots of people are here right now. Give it a moment and try again."
      : "We couldn't load this. It's probably temporary — please try again.";
  return (
    <div className={`state state--error${compact ? " state--compact" : ""}`} role="alert">
      <svg className="state__icon" viewBox="0 0 24 24" width="28" height="28" aria-hidden="true">
        <circle cx="12" cy="12" r="10" fill="none" stroke="currentColor" strokeWidth="1.8" />
        <path d="M12 7v6M12 16.5v.5" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      </svg>
      <div className="state__text">
        <p className="state__title">{title}</p>
        <p className="state__detail">{detail}</p>
      </div>
      {onRetry ? (
        <button
          type="button"
          className="button button--secondary"
          onClick={onRetry}
          disabled={retrying}
          aria-busy={retrying}
        >
          Try again
        </button>
      ) : null}
    </div>
  );
}

/** The error of a query that failed; trying again fetches it again. */
export function QueryErrorState({
  query,
  ...shown
}: {
  title: string;
  compact?: boolean;
  query: { error: unknown; isFetching: boolean; refetch: () => Promise<unknown> };
}) {
  return (
    <ErrorState
      {...shown}
      error={query.error}
      onRetry={() => void query.refetch()}
      retrying={query.isFetching}
    />
  );
}
