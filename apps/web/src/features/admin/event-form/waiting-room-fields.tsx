import { useId } from "react";
import { FieldError, FormField } from "../../../components/form-field";
import { VenueDateTimeField } from "./dates-fields";
import { draftTextProps, type DraftEditor } from "./use-event-draft";

type RoomField = "admitRatePerMinute" | "maxActiveShoppers" | "shoppingWindowMinutes";

/** The waiting-room switch and its settings: pre-queue opening, admission rate, active-shopper cap, shopping window. */
export function WaitingRoomFields({
  editor,
  timeZone,
  venueChosen,
  toggleLockedReason,
}: {
  editor: DraftEditor;
  timeZone: string;
  venueChosen: boolean;
  /** Why the waiting room can no longer be switched on or off, if it can't. */
  toggleLockedReason: string | null;
}) {
  const id = useId();
  const { draft, errorFor, update, disabled } = editor;
  const toggleError = errorFor("waitingRoom");
  const text = (field: RoomField) => ({
    ...draftTextProps(editor, field),
    autoComplete: "off",
    inputMode: "numeric" as const,
  });
  const describedBy = [
    toggleError ? `${id}-error` : null,
    `${id}-about`,
    toggleLockedReason ? `${id}-locked` : null,
  ]
    .filter(Boolean)
    .join(" ");

  return (
    <>
      <div className={`toggle-field${toggleError ? " field--invalid" : ""}`}>
        <input
          id={`${id}-toggle`}
          type="checkbox"
          role="switch"
          className="toggle-field__input"
          name="waitingRoom"
          checked={draft.waitingRoom}
          disabled={disabled || toggleLockedReason !== null}
          aria-invalid={toggleError ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => {
            const waitingRoom = event.target.checked;
            update((current) => ({ ...current, waitingRoom }), ["waitingRoom"]);
          }}
        />
        <div className="toggle-field__text">
          <label htmlFor={`${id}-toggle`} className="field__label">
            Use a waiting room
          </label>
          <p id={`${id}-about`} className="field__hint">
            For high-demand on-sales: fans queue before the on-sale, get a fair shuffled place at the start,
            and are let in at a steady rate.
          </p>
          {toggleLockedReason ? (
            <p id={`${id}-locked`} className="warning-note">
              {toggleLockedReason}
            </p>
          ) : null}
          {toggleError ? <FieldError id={`${id}-error`}>{toggleError}</FieldError> : null}
        </div>
      </div>
      {draft.waitingRoom ? (
        <div className="toggle-field">
          <input
            id={`${id}-high-demand`}
            type="checkbox"
            role="switch"
            className="toggle-field__input"
            name="highDemand"
            checked={draft.highDemand}
            disabled={disabled}
            aria-describedby={`${id}-high-demand-about`}
            onChange={(event) => {
              const highDemand = event.target.checked;
              update((current) => ({ ...current, highDemand }), ["highDemand"]);
            }}
          />
          <div className="toggle-field__text">
            <label htmlFor={`${id}-high-demand`} className="field__label">
              High demand: browser check to join
            </label>
            <p id={`${id}-high-demand-about`} className="field__hint">
              Each fan&apos;s browser solves a short proof-of-work (about a second, unseen) before joining the line,
              so one script cannot queue thousands of accounts.
            </p>
          </div>
        </div>
      ) : null}
      {draft.waitingRoom ? (
        <div className="event-form__grid event-form__grid--two event-form__room">
          <VenueDateTimeField
            editor={editor}
            field="preQueueOpensAt"
            label="Pre-queue opens"
            timeZone={timeZone}
            venueChosen={venueChosen}
            hint="Optional; empty lets fans join any time before the on-sale"
          />
          <FormField label="Admission rate" hint="Fans let in per minute" {...text("admitRatePerMinute")} />
          <FormField
            label="Max active shoppers"
            hint="Admitting pauses while this many fans are shopping"
            {...text("maxActiveShoppers")}
          />
          <FormField
            label="Shopping window"
            hint="Minutes an admitted fan has to pick seats"
            {...text("shoppingWindowMinutes")}
            inputMode="decimal"
          />
        </div>
      ) : null}
    </>
  );
}
