import { Link } from "react-router";
import { EmptyState } from "../../../components/empty-state";
import { QueryErrorState } from "../../../components/error-state";
import { ColumnHeads } from "../../../components/column-heads";
import { formatCount } from "../../../lib/format";
import { trpc } from "../../../trpc";
import { AdminPageHeader, NewItemLink } from "../admin-page-header";
import "../venues.css";

const SKELETON_ROWS = 4;

/** `/admin/venues` — every venue with the size of its layout and how many upcoming events use it. */
export function VenuesPage() {
  const venues = trpc.admin.venues.list.useQuery();
  const items = venues.data ?? [];

  return (
    <div className="admin-page">
      <title>Venues · Admin · Frontrow</title>
      <AdminPageHeader title="Venues" lead="Build venues and their seat layouts; events are sold on them.">
        <NewItemLink to="/admin/venues/new" label="New venue" />
      </AdminPageHeader>

      {venues.isError && !venues.data ? (
        <QueryErrorState title="We couldn't load the venues" query={venues} />
      ) : venues.isPending ? (
        <div className="admin-table-wrap table-wrap" aria-busy="true">
          <p className="visually-hidden" role="status">
            Loading venues
          </p>
          <table className="admin-table admin-table--links venues-table" aria-hidden="true">
            <tbody>
              {Array.from({ length: SKELETON_ROWS }, (_, i) => (
                <tr key={i}>
                  <td>
                    <span className="skeleton skeleton--line" style={{ width: "14rem" }} />
                  </td>
                  <td>
                    <span className="skeleton skeleton--line" style={{ width: "5rem" }} />
                  </td>
                  <td>
                    <span className="skeleton skeleton--line" style={{ width: "5rem" }} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : items.length === 0 ? (
        <EmptyState title="No venues yet">
          <p className="muted">Create a venue and generate its seat layout, section by section.</p>
          <NewItemLink to="/admin/venues/new" label="Create the first venue" />
        </EmptyState>
      ) : (
        <div className="admin-table-wrap table-wrap">
          <table className="admin-table admin-table--links venues-table">
            <caption className="visually-hidden">Venues</caption>
            <ColumnHeads
              columns={[
                "Venue",
                { label: "Sections", className: "admin-table__number" },
                { label: "Seats", className: "admin-table__number" },
                { label: "Standing", className: "admin-table__number" },
                { label: "Capacity", className: "admin-table__number" },
                { label: "Upcoming events", className: "admin-table__number" },
              ]}
            />
            <tbody>
              {items.map((venue) => (
                <tr key={venue.id}>
                  <th scope="row">
                    <Link to={`/admin/venues/${venue.id}`} className="admin-table__name">
                      {venue.name}
                    </Link>
                    <span className="admin-table__sub">
                      {[venue.city, venue.address].filter(Boolean).join(" · ")}
                    </span>
                  </th>
                  <td className="admin-table__number">{formatCount(venue.sectionCount)}</td>
                  <td className="admin-table__number">{formatCount(venue.seatCount)}</td>
                  <td className="admin-table__number">
                    {venue.standingCapacity > 0 ? formatCount(venue.standingCapacity) : "—"}
                  </td>
                  <td className="admin-table__number">
                    {formatCount(venue.seatCount + venue.standingCapacity)}
                  </td>
                  <td className="admin-table__number">{formatCount(venue.upcomingEvents)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
