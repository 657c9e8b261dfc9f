import { useId } from "react";
import { formatCount } from "../../../lib/format";
import { DraftTextField } from "./draft-text-field";
import { OptionsSelectField } from "./select-field";
import type { DraftErrors, DraftField, SectionDraft, SectionKind, SectionShape } from "./section-draft";

const KINDS: ReadonlyArray<{ value: SectionKind; label: string }> = [
  { value: "reserved", label: "Reserved seating" },
  { value: "general_admission", label: "Standing (general admission)" },
];

const SHAPES: ReadonlyArray<{ value: SectionShape; label: string }> = [
  { value: "straight", label: "Straight rows" },
  { value: "angled", label: "Angled: rows widen going back" },
  { value: "curved", label: "Curved: rows follow an arc" },
];

const SHAPE_WORDS: Record<SectionShape, string> = {
  straight: "Straight",
  angled: "Angled",
  curved: "Curved",
};

/** "Straight · 10 rows × 20 seats" / "Standing · 500 places". */
function summary(draft: SectionDraft): string {
  if (draft.kind === "general_admission") return `Standing · ${draft.capacity || "?"} places`;
  const rows = `${draft.rows || "?"} rows`;
  return draft.shape === "curved"
    ? `${SHAPE_WORDS.curved} · ${rows}`
    : `${SHAPE_WORDS[draft.shape]} · ${rows} × ${draft.seatsPerRow || "?"} seats`;
}

/**
 * One section of the generator: its kind, then the fields of its shape, each with its error next to it.
 * Collapsed, it shows a one-line summary and the number of seats the preview generated.
 */
export function SectionCard({
  draft,
  index,
  count,
  canRemove,
  errors,
  seats,
  expanded,
  onChange,
  onToggle,
  onMove,
  onDuplicate,
  onRemove,
}: {
  draft: SectionDraft;
  index: number;
  count: number;
  canRemove: boolean;
  errors: DraftErrors;
  /** Seats (or places) the last preview generated for it; undefined while unknown. */
  seats: number | undefined;
  expanded: boolean;
  onChange: (patch: Partial<SectionDraft>) => void;
  onToggle: () => void;
  onMove: (by: -1 | 1) => void;
  onDuplicate: () => void;
  onRemove: () => void;
}) {
  const id = useId();
  const title = draft.name.trim() || `Section ${index + 1}`;
  const hasErrors = Object.keys(errors).length > 0;
  const bound = { draft, errors, onChange };
  const field = (
    name: DraftField,
    label: string,
    options: { hint?: string; mode?: "numeric" | "decimal" | "text" } = {},
  ) => (
    <DraftTextField
      label={label}
      name={name}
      hint={options.hint}
      inputMode={options.mode ?? "decimal"}
      {...bound}
    />
  );

  return (
    <li
      className={`section-card${hasErrors ? " section-card--invalid" : ""}`}
      aria-labelledby={`${id}-title`}
    >
      <div className="section-card__header">
        <button
          type="button"
          className="section-card__toggle"
          aria-expanded={expanded || hasErrors}
          aria-controls={`${id}-body`}
          onClick={onToggle}
        >
          <svg
            viewBox="0 0 16 16"
            width="14"
            height="14"
            aria-hidden="true"
            className="section-card__chevron"
          >
            <path
              d="M6 4l4 4-4 4"
              fill="none"
              stroke="currentColor"
              strokeWidth="1.8"
              strokeLinecap="round"
            />
          </svg>
          <span id={`${id}-title`} className="section-card__title">
            {title}
          </span>
          <span className="section-card__summary">
            {summary(draft)}
            {seats !== undefined && !hasErrors
              ? ` · ${formatCount(seats)} ${draft.kind === "general_admission" ? "places" : "seats"}`
              : ""}
          </span>
          {hasErrors ? <span className="badge badge--red">Needs a fix</span> : null}
        </button>
        <div className="section-card__actions">
          <button
            type="button"
            className="button button--ghost button--small"
            aria-label={`Move ${title} up`}
            disabled={index === 0}
            onClick={() => onMove(-1)}
          >
            ↑
          </button>
          <button
            type="button"
            className="button button--ghost button--small"
            aria-label={`Move ${title} down`}
            disabled={index === count - 1}
            onClick={() => onMove(1)}
          >
            ↓
          </button>
          <button
            type="button"
            className="button button--ghost button--small"
            aria-label={`Duplicate ${title}`}
            onClick={onDuplicate}
          >
            Duplicate
          </button>
          <button
            type="button"
            className="button button--ghost button--small section-card__remove"
            aria-label={`Remove ${title}`}
            disabled={!canRemove}
            title={canRemove ? undefined : "A venue needs at least one section"}
            onClick={onRemove}
          >
            Remove
          </button>
        </div>
      </div>
      <div id={`${id}-body`} className="section-card__body" hidden={!expanded && !hasErrors}>
        {errors.section ? (
          <p className="field__error section-card__error" role="alert">
            {errors.section}
          </p>
        ) : null}
        <div className="section-card__grid">
          <DraftTextField label="Section name" name="name" maxLength={40} {...bound} />
          <fieldset className="section-card__kind">
            <legend className="field__label">Kind</legend>
            {KINDS.map((kind) => (
              <label key={kind.value} className="section-card__radio">
                <input
                  type="radio"
                  name={`${id}-kind`}
                  checked={draft.kind === kind.value}
                  onChange={() => onChange({ kind: kind.value })}
                />
                {kind.label}
              </label>
            ))}
          </fieldset>
        </div>

        {draft.kind === "general_admission" ? (
          <div className="section-card__grid">
            {field("capacity", "Standing places", {
              mode: "numeric",
              hint: "How many people may stand here",
            })}
            {field("areaX", "Area left (x)")}
            {field("areaY", "Area top (y)")}
            {field("areaWidth", "Area width")}
            {field("areaHeight", "Area height")}
          </div>
        ) : (
          <>
            <div className="section-card__grid">
              <OptionsSelectField
                label="Shape"
                value={draft.shape}
                options={SHAPES}
                onChange={(shape) => onChange({ shape })}
              />
              {field("rows", "Rows", { mode: "numeric" })}
              {draft.shape === "curved" ? null : field("seatsPerRow", "Seats per row", { mode: "numeric" })}
              {draft.shape === "angled"
                ? field("extraSeatsPerRow", "Extra seats per row", {
                    hint: "Added to each row going back (0.5: one every other row)",
                  })
                : null}
            </div>
            {draft.shape === "curved" ? (
              <div className="section-card__grid">
                {field("centerX", "Arc centre x")}
                {field("centerY", "Arc centre y")}
                {field("radius", "Front row radius", { hint: "Distance from the centre to the front row" })}
                {field("startDegrees", "Start angle", {
                  mode: "text",
                  hint: "Degrees clockwise from east: 90 is below the centre",
                })}
                {field("endDegrees", "End angle", { mode: "text" })}
              </div>
            ) : (
              <div className="section-card__grid">
                {field("originX", "Front row centre x")}
                {field("originY", "Front row centre y")}
                {field("facingDegrees", "Facing (degrees)", {
                  mode: "text",
                  hint: "-90 faces the top of the map, 90 the bottom, 0 right, 180 left",
                })}
              </div>
            )}
            <div className="section-card__grid">
              <OptionsSelectField
                label="Row labels"
                value={draft.rowLabels}
                options={[
                  { value: "letters", label: "Letters (A, B, C…)" },
                  { value: "numbers", label: "Numbers (1, 2, 3…)" },
                ]}
                onChange={(rowLabels) => onChange({ rowLabels })}
              />
              <OptionsSelectField
                label="Seat numbering"
                value={draft.numbering}
                options={[
                  { value: "left_to_right", label: "Left to right" },
                  { value: "right_to_left", label: "Right to left" },
                ]}
                hint="As a fan facing the stage sees the row"
                onChange={(numbering) => onChange({ numbering })}
              />
              {field("aisleAfterSeats", "Aisles after seat numbers", {
                mode: "text",
                hint: "e.g. 6, 14: a gap after these seats",
              })}
            </div>
          </>
        )}
      </div>
    </li>
  );
}
