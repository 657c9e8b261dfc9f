import type { ReactNode } from "react";

/** An assertive live region that is always in the DOM, so messages put into it are announced. */
export function FormAlert({ children }: { children: ReactNode }) {
  return (
    <div className="form-alert" role="alert" aria-live="assertive" aria-atomic="true">
      {children ? (
        <div className="alert alert--error">
          <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true">
            <circle cx="10" cy="10" r="8" fill="none" stroke="currentColor" strokeWidth="1.6" />
            <path d="M10 5.5v5.5M10 14v.5" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
          </svg>
          <div>{children}</div>
        </div>
      ) : null}
    </div>
  );
}
