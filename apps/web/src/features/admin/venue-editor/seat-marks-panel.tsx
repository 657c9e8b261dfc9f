import { useMemo, useState } from "react";
import { ConfirmDialog } from "../../../components/confirm-dialog";
import { Spinner } from "../../../components/spinner";
import { describeError } from "../../../lib/errors";
import { formatCount } from "../../../lib/format";
import type { Notice } from "../../../lib/notice";
import { trpc } from "../../../trpc";
import type { AdminVenue, AdminVenueSeat } from "./types";

type Mark = "accessible" | "companion" | "restrictedView" | "blocked";

const MARKS: ReadonlyArray<{ key: Mark; label: string; words: string; hint?: string }> = [
  { key: "accessible", label: "Accessible", words: "accessible" },
  { key: "companion", label: "Companion", words: "companion seats" },
  { key: "restrictedView", label: "Restricted view", words: "restricted view" },
  { key: "blocked", label: "Blocked", words: "blocked", hint: "Never for sale in any event on this venue" },
];

/** The API takes at most this many seats per call. */
const SEATS_PER_CALL = 5_000;

const seats = (count: number) => `${formatCount(count)} ${count === 1 ? "seat" : "seats"}`;

/** What to do with the selected seats: mark or clear each mark, or remove them from the layout. */
export function SeatMarksPanel({
  venue,
  selected,
  onSelectionChange,
  notify,
}: {
  venue: AdminVenue;
  selected: ReadonlySet<string>;
  onSelectionChange: (next: Set<string>) => void;
  notify: (notice: Notice) => void;
}) {
  const utils = trpc.useUtils();
  const [pending, setPending] = useState<string | null>(null);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const removeSeats = trpc.admin.venues.removeSeats.useMutation();
  const venueId = venue.venue.id;

  const chosen = useMemo(() => venue.seats.filter((seat) => selected.has(seat.id)), [venue.seats, selected]);
  const counts = useMemo(() => {
    const result: Record<Mark, number> = { accessible: 0, companion: 0, restrictedView: 0, blocked: 0 };
    for (const seat of chosen) for (const mark of MARKS) if (seat[mark.key]) result[mark.key]++;
    return result;
  }, [chosen]);
  const count = chosen.length;

  const patchSeats = (ids: ReadonlySet<string>, patch: Partial<AdminVenueSeat>) =>
    utils.admin.venues.byId.setData({ venueId }, (old) =>
      old
        ? { ...old, seats: old.seats.map((seat) => (ids.has(seat.id) ? { ...seat, ...patch } : seat)) }
        : old,
    );

  const setMark = async (mark: (typeof MARKS)[number], value: boolean) => {
    const ids = chosen.map((seat) => seat.id);
    setPending(`${mark.key}:${value}`);
    let done = 0;
    // Blocking reaches live events too, except seats already held or sold there.
    const keptByEvent = new Map<string, number>();
    try {
      for (let i = 0; i < ids.length; i += SEATS_PER_CALL) {
        const batch = ids.slice(i, i + SEATS_PER_CALL);
        const result = await utils.client.admin.venues.setSeatAttributes.mutate({
          venueId,
          seatIds: batch,
          [mark.key]: value,
        });
        patchSeats(new Set(batch), { [mark.key]: value });
        done += batch.length;
        for (const event of result.events) {
          if (event.refusedSeatIds.length > 0)
            keptByEvent.set(event.name, (keptByEvent.get(event.name) ?? 0) + event.refusedSeatIds.length);
        }
      }
      const kept = [...keptByEvent].map(
        ([name, count]) =>
          `${seats(count)} held or sold for ${name} ${count === 1 ? "stays" : "stay"} as ${count === 1 ? "it is" : "they are"}`,
      );
      notify({
        tone: kept.length > 0 ? "warning" : "success",
        text: `${value ? `Marked ${seats(done)} as ${mark.words}` : `Cleared ${mark.label.toLowerCase()} from ${seats(done)}`}.${kept.length > 0 ? ` ${kept.join("; ")}.` : ""}`,
      });
    } catch (failure) {
      const info = describeError(failure);
      const before = done > 0 ? ` ${seats(done)} were changed before this.` : "";
      notify({
        tone: "error",
        text: `${info.network ? "We couldn't reach Frontrow." : info.message}${before}`,
      });
    } finally {
      setPending(null);
    }
  };

  const remove = () => {
    removeSeats.mutate(
      { venueId, seatIds: chosen.map((seat) => seat.id) },
      {
        onSuccess: ({ removed }) => {
          setConfirmRemove(false);
          onSelectionChange(new Set());
          notify({ tone: "success", text: `Removed ${seats(removed)} from the layout.` });
          void utils.admin.venues.byId.invalidate({ venueId });
          void utils.admin.venues.list.invalidate();
        },
      },
    );
  };

  return (
    <section className="seat-marks" aria-labelledby="seat-marks-title">
      <h3 id="seat-marks-title" className="seat-marks__title">
        Selected seats <span className="muted">({seats(count)})</span>
      </h3>
      {count === 0 ? (
        <p className="muted seat-marks__empty">
          Click seats on the map to select them, or pick a row or a whole section; hold Shift and drag to
          select an area.
        </p>
      ) : null}
      <table className="seat-marks__table">
        <caption className="visually-hidden">Marks of the selected seats</caption>
        <tbody>
          {MARKS.map((mark) => (
            <tr key={mark.key}>
              <th scope="row">
                {mark.label}
                <span className="seat-marks__count">
                  {count > 0
                    ? `${formatCount(counts[mark.key])} of ${formatCount(count)} selected`
                    : "No seats selected"}
                </span>
                {mark.hint ? <span className="seat-marks__hint">{mark.hint}</span> : null}
              </th>
              <td className="seat-marks__actions">
                <div className="seat-marks__buttons">
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    disabled={pending !== null || count === 0 || counts[mark.key] === count}
                    aria-label={`Mark ${seats(count)} ${mark.words}`}
                    aria-busy={pending === `${mark.key}:true`}
                    onClick={() => void setMark(mark, true)}
                  >
                    {pending === `${mark.key}:true` ? <Spinner /> : null}
                    Mark
                  </button>
                  <button
                    type="button"
                    className="button button--ghost button--small"
                    disabled={pending !== null || counts[mark.key] === 0}
                    aria-label={`Clear ${mark.words} from ${seats(counts[mark.key])}`}
                    aria-busy={pending === `${mark.key}:false`}
                    onClick={() => void setMark(mark, false)}
                  >
                    {pending === `${mark.key}:false` ? <Spinner /> : null}
                    Clear
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="seat-marks__remove">
        <button
          type="button"
          className="button button--danger button--small"
          disabled={count === 0 || pending !== null}
          onClick={() => {
            removeSeats.reset();
            setConfirmRemove(true);
          }}
        >
          Remove {count > 0 ? seats(count) : "seats"}
        </button>
      </div>
      <ConfirmDialog
        open={confirmRemove}
        title={`Remove ${seats(count)}?`}
        confirmLabel="Remove seats"
        cancelLabel="Keep them"
        pending={removeSeats.isPending}
        error={
          count > SEATS_PER_CALL
            ? `Remove at most ${formatCount(SEATS_PER_CALL)} seats at a time, or remove the whole section below.`
            : removeSeats.error
              ? describeError(removeSeats.error).message
              : null
        }
        onConfirm={() => {
          if (count <= SEATS_PER_CALL) remove();
        }}
        onClose={() => setConfirmRemove(false)}
      >
        <p>
          They are deleted from the layout and from every event on this venue. A seat sold for any event
          cannot be removed: if one is, nothing is removed and you are told which.
        </p>
      </ConfirmDialog>
    </section>
  );
}
