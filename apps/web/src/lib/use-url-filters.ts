import { useCallback, useEffect, useEffectEvent, useMemo, useState } from "react";
import { useSearchParams } from "react-router";
import { formatCount } from "./format";
import { useDebouncedValue } from "./use-debounced-value";

const SEARCH_DEBOUNCE_MS = 300;

/** How a page's filters are read from and written to the query string; `q` is the search box. */
export interface UrlFilterCodec<F extends { q: string }> {
  read: (params: URLSearchParams) => F;
  write: (filters: F) => URLSearchParams;
}

export interface UrlFilters<F extends { q: string }> {
  filters: F;
  /** Merges `patch` into the URL's filters; a new history entry unless `replace`. */
  updateFilters: (patch: Partial<F>, options?: { replace?: boolean }) => void;
  /** The search box's text, committed to `?q=` once typing pauses. */
  text: string;
  setText: (text: string) => void;
  /** Commits the search box at once (the form's submit). */
  submitSearch: () => void;
  clearFilters: () => void;
}

/** Filters that live in the URL, with a debounced search box that follows the URL when it changes elsewhere. */
export function useUrlFilters<F extends { q: string }>({ read, write }: UrlFilterCodec<F>): UrlFilters<F> {
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = useMemo(() => read(searchParams), [read, searchParams]);

  const updateFilters = useCallback(
    (patch: Partial<F>, options: { replace?: boolean } = {}) => {
      setSearchParams((previous) => write({ ...read(previous), ...patch }), {
        replace: options.replace ?? false,
        preventScrollReset: true,
      });
    },
    [read, write, setSearchParams],
  );

  // The search box is local state committed to `?q=` once typing pauses; it follows the URL when that changes
  // from elsewhere (back button, "Clear filters").
  const [text, setText] = useState(filters.q);
  const [urlQ, setUrlQ] = useState(filters.q);
  if (urlQ !== filters.q) {
    setUrlQ(filters.q);
    if (text.trim() !== filters.q) setText(filters.q);
  }
  const debouncedText = useDebouncedValue(text, SEARCH_DEBOUNCE_MS);
  const commitSearch = useEffectEvent((value: string) => {
    if (value.trim() !== filters.q) updateFilters({ q: value } as Partial<F>, { replace: true });
  });
  useEffect(() => {
    commitSearch(debouncedText);
  }, [debouncedText]);

  const submitSearch = () => updateFilters({ q: text } as Partial<F>, { replace: true });
  const clearFilters = () => {
    setText("");
    setSearchParams(new URLSearchParams(), { preventScrollReset: true });
  };

  return { filters, updateFilters, text, setText, submitSearch, clearFilters };
}

/** What a screen reader hears as a list of events loads, fails or changes. */
export function eventsAnnouncement(
  query: { isPending: boolean; isError: boolean; data: unknown },
  count: number,
): string {
  if (query.isPending) return "Loading events";
  if (query.isError && !query.data) return "";
  if (count === 0) return "No events found";
  return `${formatCount(count)} ${count === 1 ? "event" : "events"} shown`;
}
