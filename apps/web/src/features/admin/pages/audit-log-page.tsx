import { idSchema } from "@frontrow/validators";
import { Link, useSearchParams } from "react-router";
import { EmptyState } from "../../../components/empty-state";
import { QueryErrorState } from "../../../components/error-state";
import { Spinner } from "../../../components/spinner";
import { ColumnHeads } from "../../../components/column-heads";
import { formatEventDate, viewerTimeZone } from "../../../lib/format";
import { trpc } from "../../../trpc";
import { auditSubjectLink, describeAuditAction, describeAuditDetails, type AuditEntry } from "../audit-words";
import "../audit-log.css";

const PAGE_SIZE = 50;

const fullTime = new Intl.DateTimeFormat(undefined, { dateStyle: "full", timeStyle: "long" });

/** Every organizer action, newest first: who changed what, when; optionally for one event or venue (`?subject=`). */
export function AuditLogPage() {
  const [params] = useSearchParams();
  const requested = params.get("subject");
  const subjectId = requested && idSchema.safeParse(requested).success ? requested : undefined;
  const query = trpc.admin.audit.list.useInfiniteQuery(
    { subjectId, limit: PAGE_SIZE },
    { getNextPageParam: (page) => (page.length === PAGE_SIZE ? page.at(-1)?.id : undefined) },
  );
  const entries = query.data?.pages.flat() ?? [];
  const subjectName = subjectId ? (entries[0]?.subjectName ?? null) : null;

  return (
    <div className="audit">
      <header className="audit__header">
        <h1 className="audit__title">Audit log</h1>
        <p className="muted">Every change organizers made, who made it and when.</p>
      </header>

      {requested ? (
        <p className="audit__filter" role="status">
          {subjectId ? (
            <>
              Showing the changes to <strong>{subjectName ?? "one event or venue"}</strong>.
            </>
          ) : (
            "That filter is not a valid event or venue, so everything is shown."
          )}{" "}
          <Link to="/admin/audit">Show every change</Link>
        </p>
      ) : null}

      {query.isPending ? (
        <div className="audit__loading">
          <Spinner label="Loading the audit log" />
        </div>
      ) : query.isError ? (
        <QueryErrorState title="Couldn't load the audit log" query={query} />
      ) : entries.length === 0 ? (
        <EmptyState title={subjectId ? "No changes to this one yet" : "Nothing has been changed yet"}>
          <p className="muted">Creating, editing and putting events on sale all show up here.</p>
        </EmptyState>
      ) : (
        <>
          <div className="table-wrap admin-table-wrap">
            <table className="admin-table audit-table">
              <caption className="visually-hidden">Organizer actions, newest first</caption>
              <ColumnHeads columns={["When", "Who", "What", "Subject", "Details"]} />
              <tbody>
                {entries.map((entry) => (
                  <AuditRow key={entry.id} entry={entry} filtered={Boolean(subjectId)} />
                ))}
              </tbody>
            </table>
          </div>
          <div className="audit__more">
            {query.hasNextPage ? (
              <button
                type="button"
                className="button button--secondary"
                onClick={() => void query.fetchNextPage()}
                disabled={query.isFetchingNextPage}
                aria-busy={query.isFetchingNextPage}
              >
                {query.isFetchingNextPage ? "Loading…" : "Load more"}
              </button>
            ) : (
              <p className="muted">That's everything.</p>
            )}
            {query.isFetchNextPageError ? (
              <p className="field__error" role="alert">
                Couldn't load more. Try again.
              </p>
            ) : null}
          </div>
        </>
      )}
    </div>
  );
}

function AuditRow({ entry, filtered }: { entry: AuditEntry; filtered: boolean }) {
  const link = auditSubjectLink(entry);
  const name = entry.subjectName ?? `A removed ${entry.subjectType}`;
  const details = describeAuditDetails(entry);
  return (
    <tr>
      <td className="audit-table__when">
        <time dateTime={entry.createdAt.toISOString()} title={fullTime.format(entry.createdAt)}>
          {formatEventDate(entry.createdAt, viewerTimeZone())}
        </time>
      </td>
      <td>
        <span className="admin-table__main">{entry.actor.name}</span>
        <span className="admin-table__sub">{entry.actor.email}</span>
      </td>
      <td>
        <span className="admin-table__main">{describeAuditAction(entry.action)}</span>
      </td>
      <td>
        {link && entry.subjectName ? (
          <Link to={link} className="admin-table__main">
            {name}
          </Link>
        ) : (
          <span className="admin-table__main">{name}</span>
        )}
        <span className="admin-table__sub">
          {entry.subjectType === "event"
            ? "Event"
            : entry.subjectType === "venue"
              ? "Venue"
              : entry.subjectType === "user"
                ? "Account"
                : entry.subjectType}
          {filtered ? null : (
            <>
              {" · "}
              <Link to={`/admin/audit?subject=${entry.subjectId}`} aria-label={`Only changes to ${name}`}>
                Only this
              </Link>
            </>
          )}
        </span>
      </td>
      <td className="audit-table__details">{details || <span className="muted">—</span>}</td>
    </tr>
  );
}
