import type { Notice } from "../../lib/notice";

/** The latest thing the page has to tell the fan (a seat taken, a hold placed…), announced politely. */
export function NoticeBanner({ notice, onDismiss }: { notice: Notice | null; onDismiss: () => void }) {
  return (
    <div className="notice-slot" role="status" aria-live="polite" aria-atomic="true">
      {notice ? (
        <div className={`notice notice--${notice.tone}`} data-testid="seat-map-notice">
          <p className="notice__text">{notice.text}</p>
          <button type="button" className="notice__close" aria-label="Dismiss message" onClick={onDismiss}>
            <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
              <path d="M4 4l8 8M12 4l-8 8" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
            </svg>
          </button>
        </div>
      ) : null}
    </div>
  );
}
