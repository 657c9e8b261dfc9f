import { idSchema } from "@frontrow/validators";
import { useState, type ReactNode } from "react";
import { Link, useParams, useSearchParams } from "react-router";
import { usableTimeZone } from "@frontrow/validators/plain";
import { EmptyState } from "../../../components/empty-state";
import { QueryErrorState } from "../../../components/error-state";
import { isNotFound } from "../../../lib/errors";
import { formatCount } from "../../../lib/format";
import { trpc } from "../../../trpc";
import { draftFromEvent, emptyEventDraft, type EditableEvent } from "../event-form/event-draft";
import { EventForm } from "../event-form/event-form";
import { EventStatusBadge } from "../event-status-badge";
import "../events.css";

/** `/admin/events/new` (`?venue=<id>` picks the venue) and `/admin/events/:eventId/edit`. */
export function EventFormPage() {
  const { eventId } = useParams();
  return eventId ? <EditEventPage key={eventId} eventId={eventId} /> : <NewEventPage />;
}

function Crumbs({ children }: { children?: ReactNode }) {
  return (
    <nav aria-label="Breadcrumb" className="event-form-page__crumbs">
      <Link to="/admin">Events</Link>
      {children}
    </nav>
  );
}

function NewEventPage() {
  const [searchParams] = useSearchParams();
  const [initialDraft] = useState(() => {
    const venueId = searchParams.get("venue");
    return { ...emptyEventDraft(), venueId: venueId && idSchema.safeParse(venueId).success ? venueId : "" };
  });
  return (
    <div className="admin-page">
      <title>New event · Admin · Frontrow</title>
      <header className="event-form-page__header">
        <Crumbs />
        <h1 className="event-form-page__title">New event</h1>
        <p className="muted">
          Put an event on one of your venues. It goes on sale by itself at its on-sale time.
        </p>
      </header>
      <EventForm initialDraft={initialDraft} event={null} />
    </div>
  );
}

function EditEventPage({ eventId }: { eventId: string }) {
  const validId = idSchema.safeParse(eventId).success;
  const query = trpc.admin.events.byId.useQuery({ eventId }, { enabled: validId });
  const event = query.data;

  if (!validId || (query.isError && isNotFound(query.error))) {
    return (
      <div className="admin-page">
        <title>Event not found · Admin · Frontrow</title>
        <EmptyState title="This event doesn't exist">
          <p className="muted">It may have been mistyped in the address.</p>
          <Link to="/admin" className="button button--secondary">
            Back to events
          </Link>
        </EmptyState>
      </div>
    );
  }
  if (query.isError) {
    return (
      <div className="admin-page">
        <title>Edit event · Admin · Frontrow</title>
        <QueryErrorState title="We couldn't load this event" query={query} />
      </div>
    );
  }
  if (!event) return <EventFormSkeleton />;

  return (
    <div className="admin-page">
      <title>{`Edit ${event.name} · Admin · Frontrow`}</title>
      <header className="event-form-page__header">
        <Crumbs>
          <span aria-hidden="true"> / </span>
          <Link to={`/admin/events/${event.id}`}>{event.name}</Link>
        </Crumbs>
        <div className="event-form-page__title-row">
          <h1 className="event-form-page__title">Edit event</h1>
          <EventStatusBadge status={event.status} />
        </div>
        <p className="muted">
          {event.ticketsSold > 0
            ? `${formatCount(event.ticketsSold)} ${event.ticketsSold === 1 ? "ticket" : "tickets"} sold so far: they keep their seats and prices whatever changes here.`
            : "No tickets sold yet."}
        </p>
      </header>
      <LoadedEventForm event={event} />
    </div>
  );
}

/** The form keeps its own state from the first load on: a later refetch of the event never resets what is typed. */
function LoadedEventForm({ event }: { event: EditableEvent }) {
  const [initialDraft] = useState(() => draftFromEvent(event, usableTimeZone(event.venue.timezone)));
  return <EventForm initialDraft={initialDraft} event={event} />;
}

function EventFormSkeleton() {
  return (
    <div className="admin-page" aria-busy="true">
      <title>Edit event · Admin · Frontrow</title>
      <p className="visually-hidden" role="status">
        Loading the event
      </p>
      <div aria-hidden="true">
        <span className="skeleton skeleton--line" style={{ width: "8rem" }} />
        <span className="skeleton skeleton--heading" style={{ width: "40%" }} />
        {Array.from({ length: 3 }, (_, index) => (
          <div key={index} className="card event-form__section">
            <span className="skeleton skeleton--title" style={{ width: "25%" }} />
            <span className="skeleton skeleton--block" style={{ height: "120px" }} />
          </div>
        ))}
      </div>
    </div>
  );
}
