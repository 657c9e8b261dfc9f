import type { RouterOutputs } from "@frontrow/api";
import { keepPreviousData } from "@tanstack/react-query";
import { Link } from "react-router";
import { formatDayInTimeZone, usableTimeZone } from "@frontrow/validators/plain";
import { EmptyState } from "../../../components/empty-state";
import { QueryErrorState } from "../../../components/error-state";
import { SelectField } from "../../../components/form-field";
import { SearchForm } from "../../../components/search-form";
import { ColumnHeads } from "../../../components/column-heads";
import { formatCount, formatMoney, formatTime } from "../../../lib/format";
import { useLifecycleStatus } from "../../../lib/use-lifecycle-status";
import { eventsAnnouncement, useUrlFilters, type UrlFilterCodec } from "../../../lib/use-url-filters";
import { trpc } from "../../../trpc";
import { AdminPageHeader, NewItemLink } from "../admin-page-header";
import { AdminSearchField } from "../admin-search-field";
import { EVENT_CURRENCY } from "../event-form/event-currency";
import {
  ADMIN_EVENT_STATUSES,
  ADMIN_EVENT_STATUS_LABELS,
  EventStatusBadge,
  isAdminEventStatus,
  type AdminEventStatus,
} from "../event-status-badge";
import "../events.css";

type AdminEventRow = RouterOutputs["admin"]["events"]["list"]["items"][number];

const SKELETON_ROWS = 6;

interface EventFilters {
  q: string;
  status: AdminEventStatus | null;
}

const EVENT_FILTERS: UrlFilterCodec<EventFilters> = {
  read(params) {
    const status = params.get("status");
    return { q: params.get("q") ?? "", status: isAdminEventStatus(status) ? status : null };
  },
  write(filters) {
    const params = new URLSearchParams();
    const q = filters.q.trim();
    if (q) params.set("q", q);
    if (filters.status) params.set("status", filters.status);
    return params;
  },
};

/** `/admin` — every event with its sales at a glance; search and status filter live in the URL. */
export function AdminEventsPage() {
  const { filters, updateFilters, text, setText, submitSearch, clearFilters } = useUrlFilters(EVENT_FILTERS);

  const events = trpc.admin.events.list.useQuery(
    { q: filters.q.trim() || undefined, status: filters.status ?? undefined },
    { placeholderData: keepPreviousData },
  );
  const items = events.data?.items ?? [];
  const filtered = Boolean(filters.q.trim() || filters.status);
  const updating = events.isPlaceholderData && events.isFetching;

  const announcement = eventsAnnouncement(events, items.length);

  return (
    <div className="admin-page">
      <title>Events · Admin · Frontrow</title>
      <AdminPageHeader title="Events" lead="Create events, schedule on-sales and follow their sales.">
        <NewItemLink to="/admin/events/new" label="New event" />
      </AdminPageHeader>

      <SearchForm className="admin-events__filters" onSearch={submitSearch}>
        <AdminSearchField
          label="Search"
          className="admin-events__search"
          placeholder="Event, performer, venue or city"
          enterKeyHint="search"
          value={text}
          onChange={setText}
        />
        <SelectField
          inline
          label="Status"
          value={filters.status ?? ""}
          onChange={(event) => {
            const value = event.target.value;
            updateFilters({ status: isAdminEventStatus(value) ? value : null });
          }}
        >
          <option value="">All statuses</option>
          {ADMIN_EVENT_STATUSES.map((status) => (
            <option key={status} value={status}>
              {ADMIN_EVENT_STATUS_LABELS[status]}
            </option>
          ))}
        </SelectField>
        {filtered ? (
          <button type="button" className="button button--ghost button--small" onClick={clearFilters}>
            Clear filters
          </button>
        ) : null}
      </SearchForm>

      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>

      {events.isPending ? (
        <EventsTableSkeleton />
      ) : events.isError && !events.data ? (
        <QueryErrorState title="We couldn't load the events" query={events} />
      ) : items.length === 0 ? (
        filtered ? (
          <EmptyState title="No events match">
            <p className="muted">
              Nothing matches
              {filters.q.trim() ? ` “${filters.q.trim()}”` : ""}
              {filters.status
                ? ` among ${ADMIN_EVENT_STATUS_LABELS[filters.status].toLowerCase()} events`
                : ""}
              .
            </p>
            <button type="button" className="button button--secondary" onClick={clearFilters}>
              Clear filters
            </button>
          </EmptyState>
        ) : (
          <EmptyState title="No events yet">
            <p className="muted">Create an event on one of your venues to start selling tickets.</p>
            <Link to="/admin/events/new" className="button button--primary">
              Create an event
            </Link>
          </EmptyState>
        )
      ) : (
        <div className={`table-wrap admin-table-wrap${updating ? " is-updating" : ""}`} aria-busy={updating}>
          <table className="admin-table admin-table--links events-table">
            <caption className="visually-hidden">Events</caption>
            <ColumnHeads
              columns={[
                "Event",
                "Venue",
                "Date",
                "Status",
                "Sold",
                { label: "Revenue", className: "admin-table__number" },
                { label: "Actions", hidden: true },
              ]}
            />
            <tbody>
              {items.map((event) => (
                <EventRow key={event.id} event={event} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function EventRow({ event }: { event: AdminEventRow }) {
  const timeZone = usableTimeZone(event.venue.timezone);
  const status = useLifecycleStatus(event) ?? event.status;
  return (
    <tr>
      <th scope="row">
        <Link to={`/admin/events/${event.id}`} className="admin-table__name">
          {event.name}
        </Link>
        <span className="admin-table__sub">{event.performer}</span>
      </th>
      <td>
        <span className="admin-table__main">{event.venue.name}</span>
        <span className="admin-table__sub">{event.venue.city}</span>
      </td>
      <td>
        <time dateTime={event.startsAt.toISOString()}>
          <span className="admin-table__main">{formatDayInTimeZone(event.startsAt, timeZone)}</span>
          <span className="admin-table__sub">{formatTime(event.startsAt, timeZone)}</span>
        </time>
      </td>
      <td>
        <div className="events-table__status">
          <EventStatusBadge status={status} />
          {event.waitingRoom ? <span className="admin-table__sub">Waiting room</span> : null}
          {status === "scheduled" ? (
            <span className="admin-table__sub">
              On sale{" "}
              <time dateTime={event.onSaleAt.toISOString()}>
                {formatDayInTimeZone(event.onSaleAt, timeZone)}, {formatTime(event.onSaleAt, timeZone)}
              </time>
            </span>
          ) : null}
        </div>
      </td>
      <td>
        <SoldMeter sold={event.sold} capacity={event.capacity} />
      </td>
      <td className="admin-table__number">{formatMoney(event.revenueCents, EVENT_CURRENCY)}</td>
      <td className="events-table__actions">
        <Link
          to={`/admin/events/${event.id}/edit`}
          className="button button--secondary button--small"
          aria-label={`Edit ${event.name}`}
        >
          Edit
        </Link>
      </td>
    </tr>
  );
}

/** "1,204 / 2,233" with a bar filling as tickets sell. */
function SoldMeter({ sold, capacity }: { sold: number; capacity: number }) {
  const ratio = capacity > 0 ? Math.min(1, Math.max(0, sold / capacity)) : 0;
  const text = `${formatCount(sold)} of ${formatCount(capacity)} sold`;
  return (
    <div className="sold-meter">
      <span className="sold-meter__text" aria-hidden="true">
        {formatCount(sold)} / {formatCount(capacity)}
      </span>
      <span
        className="sold-meter__track"
        role="meter"
        aria-label="Tickets sold"
        aria-valuemin={0}
        aria-valuemax={Math.max(capacity, 1)}
        aria-valuenow={Math.min(sold, Math.max(capacity, 1))}
        aria-valuetext={text}
      >
        <span
          className={`sold-meter__fill${ratio >= 1 ? " is-full" : ""}`}
          style={{ width: `${ratio * 100}%` }}
        />
      </span>
    </div>
  );
}

function EventsTableSkeleton() {
  return (
    <div className="table-wrap admin-table-wrap" aria-hidden="true">
      <table className="admin-table events-table events-table--skeleton">
        <thead>
          <tr>
            <th>Event</th>
            <th>Venue</th>
            <th>Date</th>
            <th>Status</th>
            <th>Sold</th>
            <th className="admin-table__number">Revenue</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: SKELETON_ROWS }, (_, row) => (
            <tr key={row}>
              <td>
                <span className="skeleton skeleton--line" style={{ width: `${70 - (row % 3) * 10}%` }} />
                <span className="skeleton skeleton--line" style={{ width: "45%" }} />
              </td>
              <td>
                <span className="skeleton skeleton--line" style={{ width: "75%" }} />
                <span className="skeleton skeleton--line" style={{ width: "40%" }} />
              </td>
              <td>
                <span className="skeleton skeleton--line" style={{ width: "80%" }} />
                <span className="skeleton skeleton--line" style={{ width: "50%" }} />
              </td>
              <td>
                <span className="skeleton skeleton--line" style={{ width: "5rem", height: "1.4rem" }} />
              </td>
              <td>
                <span className="skeleton skeleton--line" style={{ width: "70%" }} />
                <span className="skeleton skeleton--line" style={{ width: "100%", height: "6px" }} />
              </td>
              <td>
                <span className="skeleton skeleton--line" style={{ width: "4rem", marginLeft: "auto" }} />
              </td>
              <td>
                <span className="skeleton skeleton--line" style={{ width: "3rem", height: "1.6rem" }} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
