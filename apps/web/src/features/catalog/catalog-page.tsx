import { keepPreviousData } from "@tanstack/react-query";
import { useId, useMemo } from "react";
import { CatalogFiltersBar } from "../../components/catalog-filters-bar";
import { EmptyState } from "../../components/empty-state";
import { ErrorState, QueryErrorState } from "../../components/error-state";
import { EventCard } from "../../components/event-card";
import { EventCardSkeleton } from "../../components/event-card-skeleton";
import { BusyButton } from "../../components/busy-button";
import { SearchForm } from "../../components/search-form";
import { CATEGORY_LABELS } from "../../lib/categories";
import {
  dateRangeFor,
  describeFilters,
  hasActiveFilters,
  parseLocalDate,
  readCatalogFilters,
  writeCatalogFilters,
  type CatalogFilters,
} from "../../lib/catalog-filters";
import { toDateInputValue } from "../../lib/format";
import { useNow } from "../../lib/use-now";
import { eventsAnnouncement, useUrlFilters, type UrlFilterCodec } from "../../lib/use-url-filters";
import { trpc } from "../../trpc";

const PAGE_SIZE = 12;
const CATALOG_FILTERS: UrlFilterCodec<CatalogFilters> = {
  read: readCatalogFilters,
  write: writeCatalogFilters,
};

/** `/` — browse and search upcoming events. Every filter lives in the URL. */
export function CatalogPage() {
  const searchId = useId();
  const { filters, updateFilters, text, setText, submitSearch, clearFilters } =
    useUrlFilters(CATALOG_FILTERS);

  const todayKey = toDateInputValue(new Date());
  const range = useMemo(() => dateRangeFor(filters, parseLocalDate(todayKey)), [filters, todayKey]);
  const now = useNow(60_000);

  const venues = trpc.venues.list.useQuery(undefined, { staleTime: 10 * 60_000 });
  const events = trpc.events.list.useInfiniteQuery(
    {
      q: filters.q.trim() || undefined,
      category: filters.category ?? undefined,
      venueId: filters.venueId || undefined,
      from: range.from,
      to: range.to,
      limit: PAGE_SIZE,
    },
    {
      getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
      placeholderData: keepPreviousData,
    },
  );

  const items = useMemo(() => events.data?.pages.flatMap((page) => page.items) ?? [], [events.data]);
  const active = hasActiveFilters(filters);
  const venueName = venues.data?.find((venue) => venue.id === filters.venueId)?.name ?? null;
  const summary = describeFilters(filters, {
    category: filters.category ? CATEGORY_LABELS[filters.category] : null,
    venue: venueName,
  });

  const updating = events.isPlaceholderData && events.isFetching;
  const announcement = eventsAnnouncement(events, items.length);

  return (
    <>
      <title>{filters.q ? `“${filters.q}” · Frontrow` : "Frontrow"}</title>
      <section className="hero" aria-labelledby={`${searchId}-title`}>
        <div className="container hero__inner">
          <p className="hero__eyebrow">Live events · fair on-sales</p>
          <h1 id={`${searchId}-title`} className="hero__title">
            Get closer to the stage
          </h1>
          <p className="hero__lead">
            Concerts, sports, theatre and more — with real-time seat maps and waiting rooms that keep every
            on-sale fair.
          </p>
          <SearchForm className="search" onSearch={submitSearch}>
            <label htmlFor={searchId} className="visually-hidden">
              Search events
            </label>
            <svg className="search__icon" viewBox="0 0 20 20" width="20" height="20" aria-hidden="true">
              <circle cx="8.5" cy="8.5" r="5.5" fill="none" stroke="currentColor" strokeWidth="2" />
              <path d="M13 13l4.5 4.5" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
            </svg>
            <input
              id={searchId}
              className="search__input"
              type="search"
              placeholder="Search by event, artist, team or venue"
              autoComplete="off"
              enterKeyHint="search"
              maxLength={200}
              value={text}
              onChange={(event) => setText(event.target.value)}
            />
            <button type="submit" className="button button--primary search__submit">
              Search
            </button>
          </SearchForm>
        </div>
      </section>

      <section className="container catalog" aria-labelledby={`${searchId}-results`}>
        <CatalogFiltersBar
          filters={filters}
          venues={venues.data ?? []}
          onChange={(patch) => updateFilters(patch)}
        />

        <div className="catalog__heading">
          <h2 id={`${searchId}-results`}>{filters.q ? `Results for “${filters.q}”` : "Upcoming events"}</h2>
          {active && items.length > 0 ? (
            <button type="button" className="button button--ghost button--small" onClick={clearFilters}>
              Clear filters
            </button>
          ) : null}
        </div>
        <p className="visually-hidden" aria-live="polite" aria-atomic="true">
          {announcement}
        </p>

        {events.isPending ? (
          <ul className="event-grid" aria-busy="true" aria-label="Loading events">
            {Array.from({ length: 6 }, (_, index) => (
              <li key={index}>
                <EventCardSkeleton />
              </li>
            ))}
          </ul>
        ) : events.isError && !events.data ? (
          <QueryErrorState title="We couldn't load events" query={events} />
        ) : items.length === 0 ? (
          <EmptyState title={active ? `No events match ${summary}` : "No upcoming events yet"}>
            {active ? (
              <>
                <p className="state__detail">Try a different search, or widen the dates.</p>
                <button type="button" className="button button--primary" onClick={clearFilters}>
                  Clear filters
                </button>
              </>
            ) : (
              <p className="state__detail">New on-sales are announced here first. Check back soon.</p>
            )}
          </EmptyState>
        ) : (
          <>
            <ul className={`event-grid${updating ? " is-updating" : ""}`} aria-busy={updating}>
              {items.map((event) => (
                <li key={event.id}>
                  <EventCard event={event} now={now} />
                </li>
              ))}
            </ul>
            {events.isFetchNextPageError ? (
              <ErrorState
                compact
                title="We couldn't load more events"
                error={events.error}
                onRetry={() => void events.fetchNextPage()}
                retrying={events.isFetchingNextPage}
              />
            ) : null}
            {events.hasNextPage && !events.isFetchNextPageError ? (
              <div className="catalog__more">
                <BusyButton
                  type="button"
                  className="button button--secondary"
                  busy={events.isFetchingNextPage}
                  onClick={() => void events.fetchNextPage()}
                >
                  Load more
                </BusyButton>
              </div>
            ) : null}
          </>
        )}
      </section>
    </>
  );
}
