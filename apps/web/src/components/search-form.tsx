import type { ReactNode } from "react";

/**
 * A search landmark that stays on the page: submitting runs `onSearch` (nothing, for a list that filters as
 * you type) instead of loading a new one.
 */
export function SearchForm({
  className,
  onSearch,
  children,
}: {
  className: string;
  onSearch?: () => void;
  children: ReactNode;
}) {
  return (
    <form
      className={className}
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        onSearch?.();
      }}
    >
      {children}
    </form>
  );
}
