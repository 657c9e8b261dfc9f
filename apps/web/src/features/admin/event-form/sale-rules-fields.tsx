import { useId, type ReactNode } from "react";
import { FormField } from "../../../components/form-field";
import { VenueDateTimeField, type VenueTimedFieldsProps } from "./dates-fields";
import type { EventDraft } from "./event-draft";
import { draftTextProps, type DraftEditor } from "./use-event-draft";

type Switch =
  | "singleSeatRule"
  | "selfCancel"
  | "feesRefundable"
  | "transfersAllowed"
  | "resaleAllowed"
  | "resaleFeesRefunded"
  | "allowPrintedTickets"
  | "waitingListEnabled";

/** One on/off setting with its explanation, in the form's toggle style; `children` are the fields it shows while on. */
function SwitchField({
  editor,
  field,
  label,
  about,
  children,
}: {
  editor: DraftEditor;
  field: Switch;
  label: string;
  about: string;
  children?: ReactNode;
}) {
  const id = useId();
  const { draft, update, disabled } = editor;
  return (
    <>
      <div className="toggle-field">
        <input
          id={`${id}-toggle`}
          type="checkbox"
          role="switch"
          className="toggle-field__input"
          name={field}
          checked={draft[field]}
          disabled={disabled}
          aria-describedby={`${id}-about`}
          onChange={(event) => {
            const checked = event.target.checked;
            update((current: EventDraft) => ({ ...current, [field]: checked }), [field]);
          }}
        />
        <div className="toggle-field__text">
          <label htmlFor={`${id}-toggle`} className="field__label">
            {label}
          </label>
          <p id={`${id}-about`} className="field__hint">
            {about}
          </p>
        </div>
      </div>
      {draft[field] ? children : null}
    </>
  );
}

/** The single-seat rule, the refund policy fans are shown before they pay, transfers, resale, printed tickets and the waiting list. */
export function SaleRulesFields({ editor, timeZone, venueChosen }: VenueTimedFieldsProps) {
  return (
    <>
      <SwitchField
        editor={editor}
        field="singleSeatRule"
        label="No single seats left alone"
        about="Fans picking seats on the map cannot leave one empty seat between taken seats or at a row's end, unless their part of the row leaves them no other choice."
      />
      <SwitchField
        editor={editor}
        field="selfCancel"
        label="Fans may cancel their own orders"
        about="Off: only you can cancel and refund an order. You can always cancel any order yourself."
      >
        <VenueDateTimeField
          editor={editor}
          field="selfCancelUntil"
          label="Fans may cancel until"
          timeZone={timeZone}
          venueChosen={venueChosen}
          hint="Optional; empty lets fans cancel until the show starts"
        />
      </SwitchField>
      <SwitchField
        editor={editor}
        field="feesRefundable"
        label="Refund booking fees"
        about="Off: a cancellation refunds the ticket prices but keeps the booking fees."
      />
      <SwitchField
        editor={editor}
        field="transfersAllowed"
        label="Fans may transfer tickets"
        about="Fans can send tickets to another account by email; the recipient gets new tickets and the sender's stop working. Transfers count toward the recipient's per-fan limit."
      >
        <FormField
          label="Transfers close (hours before the show)"
          inputMode="numeric"
          autoComplete="off"
          hint="0 keeps transfers open until the show starts; pending transfers expire at the cut-off"
          {...draftTextProps(editor, "transferCutoffHours")}
        />
      </SwitchField>
      <SwitchField
        editor={editor}
        field="resaleAllowed"
        label="Fans may resell tickets at face value"
        about="Fans list tickets they cannot use; other fans (the waiting list first) buy them at no more than the seller paid. The seller is refunded once the buyer's payment is taken. Until the show starts."
      >
        <SwitchField
          editor={editor}
          field="resaleFeesRefunded"
          label="Refund the seller's booking fees"
          about="Off: a resold ticket's seller gets its price back but not its booking fee."
        />
      </SwitchField>
      <SwitchField
        editor={editor}
        field="allowPrintedTickets"
        label="Allow printed tickets"
        about="The PDF ticket carries a QR code the door accepts. Off: only the live code on the fan's ticket page gets in (it changes every 30 seconds, so screenshots and resold printouts stop working)."
      />
      <SwitchField
        editor={editor}
        field="waitingListEnabled"
        label="Waiting list when sold out"
        about="Fans join a list once every ticket is sold. Seats that come back (a cancellation, seats you unblock) are held for the first fan whose request fits, who gets a set time to pay."
      >
        <FormField
          label="Minutes to pay for a waiting-list offer"
          inputMode="numeric"
          hint="Unpaid by then, the seats go to the next fan on the list"
          autoComplete="off"
          {...draftTextProps(editor, "waitingListOfferMinutes")}
        />
      </SwitchField>
    </>
  );
}
