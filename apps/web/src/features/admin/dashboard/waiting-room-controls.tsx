import { useId, useState, type FormEvent } from "react";
import { describeError } from "../../../lib/errors";
import { formatCount } from "../../../lib/format";
import { trpc } from "../../../trpc";
import type { WaitingRoomStats } from "./use-live-dashboard";

const MAX_RATE = 100_000;

/** The organizer's hand on the waiting room: how many fans are let in a minute, and pause / resume admission. */
export function WaitingRoomControls({ eventId, room }: { eventId: string; room: WaitingRoomStats }) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const utils = trpc.useUtils();
  const mutation = trpc.admin.events.updateAdmission.useMutation({
    onSuccess: async (result, variables) => {
      if (variables.admitRatePerMinute !== undefined) {
        setDraft(null);
        setAnnouncement(`Admission rate saved: ${formatCount(result.admitRatePerMinute)} fans a minute.`);
      } else {
        setAnnouncement(
          result.admissionPaused ? "Admission paused. Fans keep their places in line." : "Admission resumed.",
        );
      }
      await utils.admin.audit.list.invalidate();
    },
    onError: (error) => {
      const info = describeError(error);
      const message = info.fieldErrors.admitRatePerMinute?.[0] ?? info.formErrors[0] ?? info.message;
      setAnnouncement("");
      setFieldError(
        info.network ? "We couldn't reach Frontrow. Check your connection and try again." : message,
      );
    },
  });
  const value = draft ?? String(room.admitRatePerMinute);
  const rate = Number(value);
  const changed = draft !== null && rate !== room.admitRatePerMinute;

  const save = (event: FormEvent) => {
    event.preventDefault();
    setAnnouncement("");
    if (!Number.isInteger(rate) || rate < 1 || rate > MAX_RATE) {
      setFieldError(`Enter a whole number of fans a minute, from 1 to ${formatCount(MAX_RATE)}.`);
      return;
    }
    setFieldError(null);
    mutation.mutate({ eventId, admitRatePerMinute: rate });
  };
  const togglePause = () => {
    setAnnouncement("");
    setFieldError(null);
    mutation.mutate({ eventId, paused: !room.admissionPaused });
  };
  const savingRate = mutation.isPending && mutation.variables?.admitRatePerMinute !== undefined;
  const togglingPause = mutation.isPending && mutation.variables?.paused !== undefined;

  return (
    <section className="card card--compact dashboard-panel room-controls" aria-labelledby={`${id}-heading`}>
      <div className="dashboard-panel__header">
        <h2 id={`${id}-heading`} className="dashboard-panel__title">
          Waiting room controls
        </h2>
        {room.admissionPaused ? <span className="badge badge--amber">Admission paused</span> : null}
      </div>
      <form className="room-controls__rate" onSubmit={save} noValidate>
        <div className="field">
          <label htmlFor={`${id}-rate`} className="field__label">
            Admission rate (fans a minute)
          </label>
          <div className="room-controls__row">
            <input
              id={`${id}-rate`}
              className="input room-controls__input"
              type="number"
              inputMode="numeric"
              min={1}
              max={MAX_RATE}
              step={1}
              value={value}
              aria-invalid={fieldError ? true : undefined}
              aria-describedby={`${id}-rate-hint${fieldError ? ` ${id}-rate-error` : ""}`}
              onChange={(event) => {
                setDraft(event.target.value);
                setFieldError(null);
              }}
            />
            <button
              type="submit"
              className="button button--primary button--small"
              disabled={!changed || mutation.isPending}
              aria-busy={savingRate}
            >
              {savingRate ? "Saving…" : "Save"}
            </button>
          </div>
          <p id={`${id}-rate-hint`} className="field__hint">
            Never more than {formatCount(room.maxActiveShoppers)} shoppers at once. The waiting room follows a
            new rate within seconds.
          </p>
          <p id={`${id}-rate-error`} className="field__error" role="alert">
            {fieldError}
          </p>
        </div>
      </form>
      <div className="room-controls__pause">
        <button
          type="button"
          className={`button button--small ${room.admissionPaused ? "button--primary" : "button--secondary"}`}
          onClick={togglePause}
          disabled={mutation.isPending}
          aria-busy={togglingPause}
        >
          {room.admissionPaused ? "Resume admission" : "Pause admission"}
        </button>
        <p className="field__hint">
          {room.admissionPaused
            ? "Nobody is let in while paused; fans keep their places in line."
            : "Pausing stops letting fans in; everyone keeps their place."}
        </p>
      </div>
      <p className="room-controls__result" role="status" aria-live="polite">
        {announcement}
      </p>
    </section>
  );
}
