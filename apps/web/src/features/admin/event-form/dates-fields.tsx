import { describeTimeZone, formatInTimeZone, fromZonedInputValue } from "@frontrow/validators/plain";
import { FormField } from "../../../components/form-field";
import type { EventDraft } from "./event-draft";
import type { DraftEditor } from "./use-event-draft";

type DateField = "startsAt" | "doorsAt" | "onSaleAt" | "preQueueOpensAt" | "selfCancelUntil";

/** What a typed venue time is for the organizer, when their own clock differs: "9:00 PM Fri 12 Jun your time". */
function yourTime(value: string, timeZone: string): string | null {
  const date = fromZonedInputValue(value, timeZone);
  if (!date) return null;
  const yours = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (yours === timeZone) return null;
  const there = new Intl.DateTimeFormat(undefined, { timeZone, timeZoneName: "short" }).format(date);
  const here = new Intl.DateTimeFormat(undefined, { timeZoneName: "short" }).format(date);
  if (there === here) return null;
  return `${formatInTimeZone(date, yours)} where you are`;
}

/** A `datetime-local` input whose value is read on the venue's clocks, with the zone named beside it. */
export function VenueDateTimeField({
  editor,
  field,
  label,
  timeZone,
  venueChosen,
  required = false,
  hint,
}: {
  editor: DraftEditor;
  field: DateField;
  label: string;
  timeZone: string;
  venueChosen: boolean;
  required?: boolean;
  hint?: string;
}) {
  const { draft, errorFor, update, disabled } = editor;
  const value = draft[field];
  const at = fromZonedInputValue(value, timeZone) ?? new Date();
  const zone = venueChosen ? describeTimeZone(timeZone, at) : "Your time zone until a venue is chosen";
  const other = venueChosen && value ? yourTime(value, timeZone) : null;
  return (
    <FormField
      label={label}
      type="datetime-local"
      name={field}
      value={value}
      required={required}
      disabled={disabled}
      error={errorFor(field)}
      hint={
        <>
          <span className={venueChosen ? "zoned-zone" : undefined}>{zone}</span>
          {[hint, other].filter(Boolean).map((part) => ` · ${part}`)}
        </>
      }
      onChange={(event) => {
        const next = event.target.value;
        update((current: EventDraft) => ({ ...current, [field]: next }), [field]);
      }}
    />
  );
}

/** The form's sections whose times are read and written in the venue's zone. */
export interface VenueTimedFieldsProps {
  editor: DraftEditor;
  timeZone: string;
  venueChosen: boolean;
}

/** When the show starts, when doors open and when tickets go on sale, all in the venue's time zone. */
export function DatesFields({ editor, timeZone, venueChosen }: VenueTimedFieldsProps) {
  return (
    <>
      <p className="event-form__lead">
        {venueChosen ? (
          <>
            Times are the venue's local time: <strong>{describeTimeZone(timeZone)}</strong>.
          </>
        ) : (
          "Times are the venue's local time. Choose a venue to set its time zone."
        )}
      </p>
      <div className="event-form__grid event-form__grid--three">
        <VenueDateTimeField
          editor={editor}
          field="startsAt"
          label="Show starts"
          timeZone={timeZone}
          venueChosen={venueChosen}
          required
        />
        <VenueDateTimeField
          editor={editor}
          field="doorsAt"
          label="Doors open"
          timeZone={timeZone}
          venueChosen={venueChosen}
          hint="Optional"
        />
        <VenueDateTimeField
          editor={editor}
          field="onSaleAt"
          label="On-sale starts"
          timeZone={timeZone}
          venueChosen={venueChosen}
          required
          hint="Tickets go on sale automatically at this time"
        />
      </div>
    </>
  );
}
