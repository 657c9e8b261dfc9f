import { useRef, useState, type FormEvent } from "react";
import { ConfirmDialog } from "../../../components/confirm-dialog";
import { BusyButton } from "../../../components/busy-button";
import { ColumnHeads } from "../../../components/column-heads";
import { describeError } from "../../../lib/errors";
import { formatCount } from "../../../lib/format";
import type { Notice } from "../../../lib/notice";
import { trpc } from "../../../trpc";
import type { AdminVenue, AdminVenueSection } from "./types";

/** A standing area's capacity, saved on its own; a refusal (places already sold) shows beside the field. */
function CapacityForm({
  section,
  venueId,
  focusRequest,
  notify,
}: {
  section: AdminVenueSection;
  venueId: string;
  focusRequest: number;
  notify: (notice: Notice) => void;
}) {
  const utils = trpc.useUtils();
  const resize = trpc.admin.venues.resizeSection.useMutation();
  const [value, setValue] = useState(String(section.capacity));
  const [error, setError] = useState<string | null>(null);
  const inputId = `capacity-${section.id}`;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const capacity = Number(value.trim());
    if (value.trim() === "" || !Number.isInteger(capacity) || capacity < 0 || capacity > 100_000) {
      setError("A whole number from 0 to 100,000");
      return;
    }
    setError(null);
    resize.mutate(
      { sectionId: section.id, capacity },
      {
        onSuccess: () => {
          notify({ tone: "success", text: `${section.name} now holds ${formatCount(capacity)} people.` });
          void utils.admin.venues.byId.invalidate({ venueId });
          void utils.admin.venues.list.invalidate();
        },
        onError: (failure) => setError(describeError(failure).message),
      },
    );
  };

  return (
    <form className="capacity-form" noValidate onSubmit={submit}>
      <label htmlFor={inputId} className="visually-hidden">
        Standing places in {section.name}
      </label>
      <input
        id={inputId}
        // Re-focused when the area is clicked on the map.
        key={focusRequest}
        autoFocus={focusRequest > 0}
        className="input capacity-form__input"
        inputMode="numeric"
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${inputId}-error` : undefined}
        onChange={(event) => {
          setValue(event.target.value);
          setError(null);
        }}
      />
      <BusyButton
        type="submit"
        className="button button--secondary button--small"
        busy={resize.isPending}
        disabled={value.trim() === String(section.capacity)}
      >
        Save
      </BusyButton>
      {error ? (
        <p id={`${inputId}-error`} className="field__error capacity-form__error" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}

/** The saved sections: size, places sold, a standing area's capacity, and removing a section. */
export function SectionsCard({
  venue,
  focusedSectionId,
  focusRequest,
  notify,
}: {
  venue: AdminVenue;
  /** A standing area clicked on the map: its capacity field takes focus. */
  focusedSectionId: string | null;
  focusRequest: number;
  notify: (notice: Notice) => void;
}) {
  const utils = trpc.useUtils();
  const removeSection = trpc.admin.venues.removeSection.useMutation();
  const [removing, setRemoving] = useState<AdminVenueSection | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const venueId = venue.venue.id;
  const seatsBySection = new Map<string, number>();
  for (const seat of venue.seats)
    seatsBySection.set(seat.sectionId, (seatsBySection.get(seat.sectionId) ?? 0) + 1);

  const confirmRemove = () => {
    if (!removing) return;
    const section = removing;
    removeSection.mutate(
      { sectionId: section.id },
      {
        onSuccess: ({ removedSeats }) => {
          setRemoving(null);
          notify({
            tone: "success",
            text: `Removed ${section.name}${removedSeats > 0 ? ` and its ${formatCount(removedSeats)} seats` : ""}.`,
          });
          void utils.admin.venues.list.invalidate();
          // The button that opened the dialog leaves with its row: keep the focus in this card.
          void utils.admin.venues.byId.invalidate({ venueId }).then(() => headingRef.current?.focus());
        },
      },
    );
  };

  return (
    <section className="card venue-card" aria-labelledby="venue-sections-title">
      <h2 id="venue-sections-title" ref={headingRef} tabIndex={-1} className="venue-card__title">
        Sections
      </h2>
      <div className="table-wrap">
        <table className="admin-table venue-sections-table">
          <caption className="visually-hidden">Sections of {venue.venue.name}</caption>
          <ColumnHeads
            columns={[
              "Section",
              "Kind",
              { label: "Size", className: "admin-table__number" },
              { label: "Sold", className: "admin-table__number" },
              { label: "Actions", hidden: true },
            ]}
          />
          <tbody>
            {venue.sections.map((section) => {
              const standing = section.kind === "general_admission";
              return (
                <tr key={section.id} className={focusedSectionId === section.id ? "is-focused" : undefined}>
                  <th scope="row">{section.name}</th>
                  <td>{standing ? "Standing" : "Reserved"}</td>
                  <td className="admin-table__number">
                    {standing ? (
                      <CapacityForm
                        key={`${section.id}:${section.capacity}`}
                        section={section}
                        venueId={venueId}
                        focusRequest={focusedSectionId === section.id ? focusRequest : 0}
                        notify={notify}
                      />
                    ) : (
                      `${formatCount(seatsBySection.get(section.id) ?? 0)} seats`
                    )}
                  </td>
                  <td className="admin-table__number">{formatCount(section.sold)}</td>
                  <td className="venue-sections-table__actions">
                    <button
                      type="button"
                      className="button button--ghost button--small venue-sections-table__remove"
                      aria-label={`Remove section ${section.name}`}
                      onClick={() => {
                        removeSection.reset();
                        setRemoving(section);
                      }}
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <ConfirmDialog
        open={removing !== null}
        title={`Remove ${removing?.name ?? "section"}?`}
        confirmLabel="Remove section"
        cancelLabel="Keep it"
        pending={removeSection.isPending}
        error={removeSection.error ? describeError(removeSection.error).message : null}
        onConfirm={confirmRemove}
        onClose={() => setRemoving(null)}
      >
        <p>
          The section and its seats leave the layout and every event on this venue. A section where any event
          sold a place cannot be removed.
        </p>
        {removing && removing.sold > 0 ? (
          <p className="notice notice--warning">
            {formatCount(removing.sold)} {removing.sold === 1 ? "place is" : "places are"} sold in{" "}
            {removing.name}, so it will be refused.
          </p>
        ) : null}
      </ConfirmDialog>
    </section>
  );
}
