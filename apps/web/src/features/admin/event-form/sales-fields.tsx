import { FormField, SelectField } from "../../../components/form-field";
import type { HoldUnit } from "./event-draft";
import { draftTextProps, type DraftEditor } from "./use-event-draft";

type SalesField = "perFanLimit" | "holdDuration" | "fee" | "heldSeatsPerIp";

/** Per-fan limit, the per-network cap, how long a hold lasts and the booking fee. */
export function SalesFields({ editor }: { editor: DraftEditor }) {
  const { draft, update, disabled } = editor;
  const text = (field: SalesField) => ({ ...draftTextProps(editor, field), autoComplete: "off" });

  return (
    <div className="event-form__grid event-form__grid--three">
      <FormField
        label="Per-fan limit"
        inputMode="numeric"
        hint="Most tickets one fan may hold and buy in total"
        {...text("perFanLimit")}
      />
      <FormField
        label="Tickets held per network"
        inputMode="numeric"
        hint="Most tickets held at once from one internet address, across all its accounts: stops a bot farm hoarding seats. Raise it for a box office or a campus behind one address."
        {...text("heldSeatsPerIp")}
      />
      <div className="event-form__pair">
        <FormField
          label="Hold duration"
          inputMode="numeric"
          hint="How long picked seats stay reserved during checkout"
          {...text("holdDuration")}
        />
        <SelectField
          label="Hold duration unit"
          hideLabel
          name="holdUnit"
          value={draft.holdUnit}
          disabled={disabled}
          onChange={(event) => {
            const holdUnit = event.target.value as HoldUnit;
            update((current) => ({ ...current, holdUnit }), ["holdDuration"]);
          }}
        >
          <option value="minutes">minutes</option>
          <option value="seconds">seconds</option>
        </SelectField>
      </div>
      <FormField
        label="Booking fee"
        inputMode="decimal"
        hint="Per ticket, in US dollars; 0 for none"
        {...text("fee")}
      />
    </div>
  );
}
