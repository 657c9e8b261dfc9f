import { useMemo, useRef, useState } from "react";
import { FormAlert } from "../../../components/form-alert";
import { BusyButton } from "../../../components/busy-button";
import { describeError } from "../../../lib/errors";
import { formatCount } from "../../../lib/format";
import type { Notice } from "../../../lib/notice";
import { trpc } from "../../../trpc";
import { LAYOUT_SEAT_TIER, layoutModel } from "../layout-model";
import { MARK_COLORS } from "../venue-builder/layout-legend";
import { LayoutPreviewPanel } from "../venue-builder/layout-preview-panel";
import { readSectionDrafts, sectionNamedInMessage, type SectionDraft } from "../venue-builder/section-draft";
import { SectionsEditor } from "../venue-builder/sections-editor";
import { layoutSummary, useLayoutPreview } from "../venue-builder/use-layout-preview";
import type { AdminVenue } from "./types";

/** Just behind the seats already there (saved or drafted), centred, within the map. */
function nextSectionAt(map: { width: number; height: number }, seats: ReadonlyArray<{ y: number }>) {
  let back = 0;
  for (const seat of seats) back = Math.max(back, seat.y);
  return { x: map.width / 2, y: Math.min(Math.max(0, map.height - 4), back + 4) };
}

const EVENT_STATUS_WORDS: Record<AdminVenue["events"][number]["status"], string> = {
  scheduled: "scheduled",
  on_sale: "on sale",
  paused: "paused",
  ended: "ended",
  cancelled: "cancelled",
};

/**
 * New sections for a saved venue, generated with the builder's form and previewed beside the existing layout.
 * Says, before saving, which events will sell them and at what price.
 */
export function AddSectionsCard({ venue, notify }: { venue: AdminVenue; notify: (notice: Notice) => void }) {
  const utils = trpc.useUtils();
  const addSections = trpc.admin.venues.addSections.useMutation();
  const [drafts, setDrafts] = useState<SectionDraft[]>([]);
  const [alert, setAlert] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { venue: details } = venue;
  const existingNames = useMemo(() => venue.sections.map((section) => section.name), [venue.sections]);

  const read = readSectionDrafts(drafts);
  const errors = read.errors.map((found, index) =>
    existingNames.includes(drafts[index]!.name.trim()) && !found.name
      ? { ...found, name: "The venue already has a section with this name" }
      : found,
  );
  const valid =
    drafts.length > 0 && read.specs !== null && errors.every((found) => Object.keys(found).length === 0);
  const spec =
    valid && read.specs
      ? {
          name: details.name,
          city: details.city,
          width: details.width,
          height: details.height,
          stage: details.stage,
          sections: read.specs,
        }
      : null;
  const {
    preview,
    error: previewError,
    loading,
  } = useLayoutPreview(
    spec,
    drafts.map((draft) => draft.key),
  );
  const shownErrors = errors.map((found, index) => {
    const named = previewError ? sectionNamedInMessage(previewError) : null;
    return named && drafts[index]!.name.trim() === named && !found.section
      ? { ...found, section: previewError! }
      : found;
  });

  // The saved layout with the new sections drawn in their own colour.
  const model = useMemo(() => {
    if (!preview) return layoutModel({ venue: details, sections: venue.sections, seats: venue.seats });
    return layoutModel(
      {
        venue: details,
        sections: [
          ...venue.sections,
          ...preview.layout.sections.map((section) => ({ ...section, tierId: "new" })),
        ],
        seats: [...venue.seats, ...preview.layout.seats.map((seat) => ({ ...seat, tierId: "new" }))],
      },
      {
        tiers: [LAYOUT_SEAT_TIER, { id: "new", name: "New section", priceCents: 0, color: MARK_COLORS.new }],
      },
    );
  }, [preview, details, venue.sections, venue.seats]);

  const submit = () => {
    setAlert(null);
    if (!read.specs || !valid) {
      setAlert("Some fields need a fix before the sections can be added.");
      return;
    }
    addSections.mutate(
      { venueId: details.id, sections: read.specs },
      {
        onSuccess: (result) => {
          setDrafts([]);
          // The save button leaves with the drafts: keep the focus in this card.
          headingRef.current?.focus();
          notify({
            tone: "success",
            text: `Added ${read.specs!.length === 1 ? "1 section" : `${read.specs!.length} sections`} (${formatCount(result.seatCount)} seats)${
              result.eventIds.length > 0
                ? `, now on ${result.eventIds.length === 1 ? "1 event" : `${result.eventIds.length} events`}`
                : ""
            }.`,
          });
          void utils.admin.venues.byId.invalidate({ venueId: details.id });
          void utils.admin.venues.list.invalidate();
        },
        onError: (failure) => {
          const info = describeError(failure);
          setAlert(
            info.network
              ? "We couldn't reach Frontrow. Check your connection and try again; nothing was added."
              : info.message,
          );
        },
      },
    );
  };

  const count = drafts.length;
  return (
    <section className="card venue-card" aria-labelledby="add-sections-title">
      <h2 id="add-sections-title" ref={headingRef} tabIndex={-1} className="venue-card__title">
        Add sections
      </h2>
      <p className="muted venue-card__lead">
        Generate more sections with the same form as a new venue; they are drawn in green below.
      </p>
      <SectionsEditor
        drafts={drafts}
        errors={shownErrors}
        seatCounts={preview?.countsByKey ?? new Map()}
        takenNames={existingNames}
        minimum={0}
        newSectionAt={() => nextSectionAt(details, [...venue.seats, ...(preview?.layout.seats ?? [])])}
        onChange={(next) => {
          setDrafts(next);
          setAlert(null);
        }}
      />
      {count > 0 ? (
        <>
          <LayoutPreviewPanel
            title="Preview with the new sections"
            model={model}
            summary={preview ? `New: ${layoutSummary(preview)}` : ""}
            error={previewError}
            invalid={!spec}
            loading={loading}
            legend={["seat", "new", "blocked"]}
            height={440}
          />
          {venue.events.length > 0 ? (
            <div className="notice notice--info add-sections__events" role="note">
              <p>
                {venue.events.length === 1 ? "This event uses" : `These ${venue.events.length} events use`}{" "}
                this venue and will sell the new {count === 1 ? "section" : "sections"} too, at each event's
                first price tier (change prices in the event afterwards):
              </p>
              <ul className="add-sections__event-list">
                {venue.events.map((event) => (
                  <li key={event.id}>
                    {event.name} <span className="muted">({EVENT_STATUS_WORDS[event.status]})</span>
                  </li>
                ))}
              </ul>
            </div>
          ) : (
            <p className="muted">No event uses this venue yet, so nothing else changes.</p>
          )}
          <FormAlert>{alert}</FormAlert>
          <div className="venue-card__buttons">
            <BusyButton
              type="button"
              className="button button--primary"
              busy={addSections.isPending}
              onClick={submit}
            >
              Save {count === 1 ? "new section" : `${count} new sections`}
            </BusyButton>
            <button
              type="button"
              className="button button--ghost"
              disabled={addSections.isPending}
              onClick={() => setDrafts([])}
            >
              Discard
            </button>
          </div>
        </>
      ) : null}
    </section>
  );
}
