import type { Notice } from "../../lib/notice";
import { CloseIcon } from "../../components/icons";

/** The latest thing the page has to tell the fan (a seat taken, a hold placed…), announced politely. */
export function NoticeBanner({ notice, onDismiss }: { notice: Notice | null; onDismiss: () => void }) {
  return (
    <div className="notice-slot" role="status" aria-live="polite" aria-atomic="true">
      {notice ? (
        <div className={`notice notice--${notice.tone}`} data-testid="seat-map-notice">
          <p className="notice__text">{notice.text}</p>
          <button type="button" className="notice__close" aria-label="Dismiss message" onClick={onDismiss}>
            <CloseIcon />
          </button>
        </div>
      ) : null}
    </div>
  );
}
