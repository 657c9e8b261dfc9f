import type { ReactNode } from "react";

/** A friendly "nothing here" panel. */
export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state state--empty" role="status">
      <svg className="state__icon" viewBox="0 0 48 48" width="48" height="48" aria-hidden="true">
        <path
          d="M8 16h32v6a4 4 0 0 0 0 8v6H8v-6a4 4 0 0 0 0-8z M28 16v20"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          strokeDasharray="0"
          strokeLinejoin="round"
        />
      </svg>
      <p className="state__title">{title}</p>
      {children}
    </div>
  );
}
