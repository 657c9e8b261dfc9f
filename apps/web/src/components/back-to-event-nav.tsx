import { Link } from "react-router";

/** The breadcrumb above the seat map, the waiting room and the fairness record: back to the event's page. */
export function BackToEventNav({
  event,
  className,
}: {
  event: { id: string; name: string };
  className: string;
}) {
  return (
    <nav aria-label="Breadcrumb" className={className}>
      <Link to={`/events/${event.id}`}>
        <span aria-hidden="true">← </span>
        {event.name}
      </Link>
    </nav>
  );
}
