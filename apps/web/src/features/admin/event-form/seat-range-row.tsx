import { useId } from "react";
import { FormField, SelectField } from "../../../components/form-field";
import { CloseIcon } from "../../../components/icons";
import { formatCount } from "../../../lib/format";
import type { SeatRangeDraft } from "./event-draft";
import type { DraftEditor } from "./use-event-draft";
import type { VenueSection } from "./validate-event-draft";

type RangeField = "sectionId" | "row" | "from" | "to";

/** A section's rows in order, each with its lowest and highest seat number. */
export type SectionRows = ReadonlyArray<{ name: string; first: number; last: number; seats: number }>;

/** One seat range of a tier: section, row, first and last seat. */
export function SeatRangeRow({
  editor,
  range,
  label,
  sections,
  rows,
  onChange,
  onRemove,
}: {
  editor: DraftEditor;
  range: SeatRangeDraft;
  /** Names the range for its remove button ("VIP, seat range 2"). */
  label: string;
  sections: readonly VenueSection[] | null;
  /** The chosen section's rows, when the venue's seats have loaded: offered as suggestions. */
  rows: SectionRows | null;
  onChange: (patch: Partial<SeatRangeDraft>, field: RangeField) => void;
  onRemove: () => void;
}) {
  const id = useId();
  const { errorFor, disabled } = editor;
  const row = rows?.find((item) => item.name === range.row.trim());
  const seated = (sections ?? []).filter((section) => section.kind === "reserved");
  // A range left over from another venue shows as not chosen rather than as a section that isn't there.
  const sectionValue = seated.some((section) => section.id === range.sectionId) ? range.sectionId : "";
  const text = (field: Exclude<RangeField, "sectionId">) => ({
    name: `range.${range.key}.${field}`,
    value: range[field],
    error: errorFor(`range.${range.key}.${field}`),
    disabled,
    autoComplete: "off",
    onChange: (event: { target: { value: string } }) => onChange({ [field]: event.target.value }, field),
  });

  return (
    <li className="seat-range">
      <SelectField
        label="Section"
        name={`range.${range.key}.sectionId`}
        value={sectionValue}
        error={errorFor(`range.${range.key}.sectionId`)}
        disabled={disabled || sections === null}
        onChange={(event) => onChange({ sectionId: event.target.value }, "sectionId")}
      >
        <option value="">{sections === null ? "Choose a venue first" : "Choose…"}</option>
        {seated.map((section) => (
          <option key={section.id} value={section.id}>
            {section.name}
          </option>
        ))}
      </SelectField>
      <FormField
        label="Row"
        maxLength={10}
        spellCheck={false}
        list={rows ? `${id}-rows` : undefined}
        hint={row ? `Seats ${formatCount(row.first)}–${formatCount(row.last)}` : undefined}
        {...text("row")}
      />
      {rows ? (
        <datalist id={`${id}-rows`}>
          {rows.map((item) => (
            <option
              key={item.name}
              value={item.name}
            >{`${formatCount(item.seats)} seats, ${item.first}–${item.last}`}</option>
          ))}
        </datalist>
      ) : null}
      <FormField label="From seat" inputMode="numeric" {...text("from")} />
      <FormField label="To seat" inputMode="numeric" {...text("to")} />
      <button
        type="button"
        className="icon-button seat-range__remove"
        aria-label={`Remove ${label}`}
        title="Remove this seat range"
        disabled={disabled}
        onClick={onRemove}
      >
        <CloseIcon size={16} />
      </button>
    </li>
  );
}
