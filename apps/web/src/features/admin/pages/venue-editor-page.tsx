import { useMemo, useState } from "react";
import { Link, useLocation, useParams } from "react-router";
import { EmptyState } from "../../../components/empty-state";
import { QueryErrorState } from "../../../components/error-state";
import { isNotFound } from "../../../lib/errors";
import { formatCount } from "../../../lib/format";
import { NoticeBanner } from "../../seat-map/notice-banner";
import type { Notice } from "../../../lib/notice";
import { trpc } from "../../../trpc";
import { AdminPageHeader } from "../admin-page-header";
import { LayoutCanvas } from "../layout-canvas";
import { LAYOUT_SEAT_TIER, layoutModel } from "../layout-model";
import { LayoutLegend, MARK_COLORS } from "../venue-builder/layout-legend";
import { AddSectionsCard } from "../venue-editor/add-sections-card";
import { DetailsCard } from "../venue-editor/details-card";
import { SeatMarksPanel } from "../venue-editor/seat-marks-panel";
import { SectionsCard } from "../venue-editor/sections-card";
import type { AdminVenue } from "../venue-editor/types";
import "../venues.css";

type ColourMode = "fans" | "marks";

const MARK_TIERS = [
  LAYOUT_SEAT_TIER,
  { id: "accessible", name: "Accessible", priceCents: 0, color: MARK_COLORS.accessible },
  { id: "companion", name: "Companion", priceCents: 0, color: MARK_COLORS.companion },
  { id: "restricted", name: "Restricted view", priceCents: 0, color: MARK_COLORS.restricted },
];

/** The saved layout, drawn as fans see it or coloured by marks, with seat selection and what to do with it. */
function LayoutCard({
  venue,
  notify,
  onStandingArea,
}: {
  venue: AdminVenue;
  notify: (notice: Notice) => void;
  onStandingArea: (sectionId: string) => void;
}) {
  const [mode, setMode] = useState<ColourMode>("fans");
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set());
  const layout = useMemo(
    () => ({ venue: venue.venue, sections: venue.sections, seats: venue.seats }),
    [venue],
  );
  const model = useMemo(
    () =>
      mode === "fans"
        ? layoutModel(layout)
        : layoutModel(layout, {
            tiers: MARK_TIERS,
            colorKeyOf: (seat) =>
              seat.accessible
                ? "accessible"
                : seat.companion
                  ? "companion"
                  : seat.restrictedView
                    ? "restricted"
                    : "seat",
          }),
    [layout, mode],
  );

  return (
    <section className="card venue-card venue-layout" aria-labelledby="venue-layout-title">
      <div className="venue-layout__heading">
        <h2 id="venue-layout-title" className="venue-card__title">
          Layout
        </h2>
        <div className="venue-layout__modes" role="group" aria-label="Colour seats">
          <button
            type="button"
            className="chip"
            aria-pressed={mode === "fans"}
            onClick={() => setMode("fans")}
          >
            As fans see them
          </button>
          <button
            type="button"
            className="chip"
            aria-pressed={mode === "marks"}
            onClick={() => setMode("marks")}
          >
            Coloured by mark
          </button>
        </div>
      </div>
      <div className="venue-layout__body">
        <div className="venue-layout__map">
          {venue.seats.length === 0 &&
          venue.sections.every((section) => section.kind === "general_admission") ? (
            <p className="muted">This venue has standing areas only: click one to change its capacity.</p>
          ) : null}
          <LayoutCanvas
            model={model}
            selected={selected}
            onSelectionChange={setSelected}
            onSectionActivate={(sectionId) => {
              if (venue.sections.find((section) => section.id === sectionId)?.kind === "general_admission")
                onStandingArea(sectionId);
            }}
            height={560}
            label={`${venue.venue.name} layout`}
          />
          <LayoutLegend
            items={["seat", "blocked", "accessible", "companion", "restricted", "selected"]}
            byMark={mode === "marks"}
          />
        </div>
        <SeatMarksPanel venue={venue} selected={selected} onSelectionChange={setSelected} notify={notify} />
      </div>
    </section>
  );
}

function VenueEditor({ venue, created }: { venue: AdminVenue; created: boolean }) {
  const [notice, setNotice] = useState<Notice | null>(
    created
      ? {
          tone: "success",
          text: `${venue.venue.name} is created. Mark accessible or blocked seats, or add more sections.`,
        }
      : null,
  );
  const [focusedSection, setFocusedSection] = useState<{ id: string | null; request: number }>({
    id: null,
    request: 0,
  });
  const seats = venue.seats.length;
  const standing = venue.sections
    .filter((section) => section.kind === "general_admission")
    .reduce((sum, section) => sum + section.capacity, 0);

  return (
    <div className="admin-page">
      <title>{`${venue.venue.name} · Venues · Admin · Frontrow`}</title>
      <AdminPageHeader
        crumbs={
          <>
            <Link to="/admin/venues">Venues</Link> / {venue.venue.name}
          </>
        }
        title={venue.venue.name}
        lead={
          <>
            {[venue.venue.city, venue.venue.address].filter(Boolean).join(" · ")} · {formatCount(seats)} seats
            {standing > 0 ? ` · ${formatCount(standing)} standing` : ""} · {venue.sections.length}{" "}
            {venue.sections.length === 1 ? "section" : "sections"}
          </>
        }
      />
      <div className="venue-editor__notice">
        <NoticeBanner notice={notice} onDismiss={() => setNotice(null)} />
      </div>
      <LayoutCard
        venue={venue}
        notify={setNotice}
        onStandingArea={(id) => setFocusedSection((current) => ({ id, request: current.request + 1 }))}
      />
      <SectionsCard
        venue={venue}
        focusedSectionId={focusedSection.id}
        focusRequest={focusedSection.request}
        notify={setNotice}
      />
      <AddSectionsCard venue={venue} notify={setNotice} />
      <DetailsCard key={venue.venue.id} venue={venue.venue} />
    </div>
  );
}

/** `/admin/venues/:venueId` — edit a venue's details, marks, sections and standing capacities. */
export function VenueEditorPage() {
  const { venueId = "" } = useParams();
  const location = useLocation();
  const created = (location.state as { created?: boolean } | null)?.created === true;
  const venue = trpc.admin.venues.byId.useQuery({ venueId });

  if (venue.isError && !venue.data) {
    if (isNotFound(venue.error) || venue.error.data?.code === "BAD_REQUEST") {
      return (
        <EmptyState title="This venue does not exist">
          <p className="muted">It may have been removed, or the link is wrong.</p>
          <Link to="/admin/venues" className="button button--secondary">
            All venues
          </Link>
        </EmptyState>
      );
    }
    return <QueryErrorState title="We couldn't load this venue" query={venue} />;
  }
  if (!venue.data) {
    return (
      <div className="admin-page" aria-busy="true">
        <p className="visually-hidden" role="status">
          Loading the venue
        </p>
        <span className="skeleton skeleton--title" style={{ width: "16rem" }} />
        <div className="skeleton skeleton--block" style={{ height: 560 }} />
      </div>
    );
  }
  return <VenueEditor key={venueId} venue={venue.data} created={created} />;
}
