import { useState } from "react";
import { Link } from "react-router";
import { EmptyState } from "../../../components/empty-state";
import { ErrorState, QueryErrorState } from "../../../components/error-state";
import { formatLongDate, formatOnSaleTime, formatTime, viewerTimeZone } from "../../../lib/format";
import { useLifecycleStatus } from "../../../lib/use-lifecycle-status";
import { useRouteEvent } from "../../../lib/use-route-event";
import { ConnectionIndicator } from "../../seat-map/connection-indicator";
import { DashboardStats } from "../dashboard/dashboard-stats";
import { EventOrders } from "../dashboard/event-orders";
import { LiveSeatMap } from "../dashboard/live-seat-map";
import { QueueChart } from "../dashboard/queue-chart";
import { RecentActivity } from "../dashboard/recent-activity";
import { SalesChart } from "../dashboard/sales-chart";
import { useLiveDashboard, type EventDashboard } from "../dashboard/use-live-dashboard";
import { WaitingRoomControls } from "../dashboard/waiting-room-controls";
import { EventLifecycleControls } from "../event-lifecycle-controls";
import { EventStatusBadge, type AdminEventStatus } from "../event-status-badge";
import "../dashboard.css";

/** The live dashboard of one event: its numbers, charts, seat map and the organizer's controls. */
export function EventDashboardPage() {
  const { eventId, query, notFound } = useRouteEvent();
  if (notFound) {
    return (
      <EmptyState title="This event does not exist">
        <p>
          It may have been removed, or the link is wrong. <Link to="/admin">Back to events</Link>
        </p>
      </EmptyState>
    );
  }
  if (query.isError) {
    return <QueryErrorState title="Couldn't load this event" query={query} />;
  }
  return <Dashboard eventId={eventId} event={query.data} />;
}

type EventDetails = NonNullable<ReturnType<typeof useRouteEvent>["query"]["data"]>;

function Dashboard({ eventId, event }: { eventId: string; event: EventDetails | undefined }) {
  const { dashboard, connection, error, reconnect } = useLiveDashboard(eventId);
  // The status a lifecycle change just returned, shown until the next live dashboard confirms it.
  const [changed, setChanged] = useState<{
    status: AdminEventStatus;
    before: EventDashboard | undefined;
  } | null>(null);
  const reported = changed && changed.before === dashboard ? changed.status : dashboard?.status;
  // Re-derived here too, so the page turns "On sale" at the on-sale time even between dashboard updates.
  const status = useLifecycleStatus(
    reported && event ? { status: reported, onSaleAt: event.onSaleAt, startsAt: event.startsAt, salesEndAt: event.salesEndAt } : undefined,
  );

  // Until the event has loaded, the organizer's own zone; the charts only show once it has.
  const timeZone = event?.venue.timezone ?? viewerTimeZone();

  return (
    <div className="admin-page">
      <header className="dashboard__header">
        <p className="dashboard__crumbs">
          <Link to="/admin">Events</Link>
          <span aria-hidden="true"> / </span>
          <span>Dashboard</span>
        </p>
        {event ? (
          <>
            <div className="dashboard__title-row">
              <h1 className="dashboard__title">{event.name}</h1>
              {status ? <EventStatusBadge status={status} /> : null}
              <ConnectionIndicator
                state={connection}
                onRetry={reconnect}
                liveText="sales, holds and the queue update as they happen"
              />
            </div>
            <p className="dashboard__facts">
              <span>
                {event.venue.name}, {event.venue.city}
              </span>
              <span aria-hidden="true"> · </span>
              <time dateTime={event.startsAt.toISOString()}>
                {formatLongDate(event.startsAt, event.venue.timezone)},{" "}
                {formatTime(event.startsAt, event.venue.timezone)}
              </time>
              {status === "scheduled" ? (
                <>
                  <span aria-hidden="true"> · </span>
                  <span>
                    Goes on sale{" "}
                    <time dateTime={event.onSaleAt.toISOString()}>{formatOnSaleTime(event.onSaleAt, event.venue.timezone)}</time>
                  </span>
                </>
              ) : null}
              {event.waitingRoom ? (
                <>
                  <span aria-hidden="true"> · </span>
                  <span>Waiting room</span>
                </>
              ) : null}
            </p>
            <p className="dashboard__links">
              <Link to={`/admin/events/${eventId}/edit`} className="button button--secondary button--small">
                Edit event
              </Link>
              <Link to={`/events/${eventId}`} className="button button--ghost button--small">
                View as a fan
              </Link>
            </p>
          </>
        ) : (
          <div aria-busy="true">
            <span className="skeleton skeleton--title" style={{ width: "45%" }} />
            <span className="skeleton skeleton--line" style={{ width: "60%" }} />
            <span className="visually-hidden" role="status">
              Loading the event
            </span>
          </div>
        )}
      </header>

      {error && !dashboard ? (
        <ErrorState title="Couldn't load the live numbers" error={error} onRetry={reconnect} />
      ) : !dashboard || !status ? (
        <div className="dashboard-stats__grid" aria-busy="true">
          <span className="visually-hidden" role="status">
            Loading the live numbers
          </span>
          {Array.from({ length: 5 }, (_, i) => (
            <div key={i} className="stat-card skeleton" aria-hidden="true" />
          ))}
        </div>
      ) : (
        <>
          <section
            className="card card--compact dashboard-panel"
            aria-labelledby="dashboard-lifecycle-heading"
          >
            <div className="dashboard-panel__header">
              <h2 id="dashboard-lifecycle-heading" className="dashboard-panel__title">
                Sales
              </h2>
            </div>
            <EventLifecycleControls
              eventId={eventId}
              status={status}
              orders={dashboard.orders}
              ticketsSold={dashboard.ticketsSold}
              onChanged={(next) => setChanged({ status: next, before: dashboard })}
            />
          </section>

          <DashboardStats dashboard={dashboard} />

          <div className="dashboard__charts">
            <div className="card card--compact dashboard-panel">
              <SalesChart salesPerMinute={dashboard.salesPerMinute} timeZone={timeZone} />
            </div>
            {dashboard.waitingRoom ? (
              <div className="card card--compact dashboard-panel">
                <QueueChart room={dashboard.waitingRoom} timeZone={timeZone} />
              </div>
            ) : null}
          </div>

          {dashboard.waitingRoom ? (
            <WaitingRoomControls eventId={eventId} room={dashboard.waitingRoom} />
          ) : null}
        </>
      )}

      <LiveSeatMap eventId={eventId} />
      <EventOrders eventId={eventId} timeZone={timeZone} />
      <RecentActivity eventId={eventId} timeZone={timeZone} />
    </div>
  );
}
