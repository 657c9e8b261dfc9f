import { Link } from "react-router";
import { QueryErrorState } from "../../../components/error-state";
import { Spinner } from "../../../components/spinner";
import { formatEventDate } from "../../../lib/format";
import { trpc } from "../../../trpc";
import { describeAuditAction, describeAuditDetails } from "../audit-words";

const SHOWN = 5;

/** The last few organizer actions on this event, newest first, with a way to the full audit log. */
export function RecentActivity({ eventId, timeZone }: { eventId: string; timeZone: string }) {
  const query = trpc.admin.audit.list.useQuery({ subjectId: eventId, limit: SHOWN });
  return (
    <section
      className="card card--compact dashboard-panel activity"
      aria-labelledby="dashboard-activity-heading"
    >
      <div className="dashboard-panel__header">
        <h2 id="dashboard-activity-heading" className="dashboard-panel__title">
          Recent changes
        </h2>
        <Link to={`/admin/audit?subject=${eventId}`} className="dashboard-panel__link">
          Full audit log
        </Link>
      </div>
      {query.isPending ? (
        <Spinner label="Loading recent changes" />
      ) : query.isError ? (
        <QueryErrorState compact title="Couldn't load recent changes" query={query} />
      ) : query.data.length === 0 ? (
        <p className="muted">No organizer has changed this event yet.</p>
      ) : (
        <ol className="activity__list">
          {query.data.map((entry) => {
            const details = describeAuditDetails(entry);
            return (
              <li key={entry.id} className="activity__item">
                <p className="activity__what">
                  <strong>{describeAuditAction(entry.action)}</strong>
                  {details ? <span className="activity__details"> · {details}</span> : null}
                </p>
                <p className="activity__meta">
                  {entry.actor.name} ·{" "}
                  <time dateTime={entry.createdAt.toISOString()}>{formatEventDate(entry.createdAt, timeZone)}</time>
                </p>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
