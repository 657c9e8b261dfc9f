import { useId } from "react";
import { FieldError, FormField } from "../../../components/form-field";
import { LineIcon, PlusIcon } from "../../../components/icons";
import { formatCount } from "../../../lib/format";
import {
  MAX_TIERS,
  newSeatRangeDraft,
  newTierDraft,
  type EventDraft,
  type SeatRangeDraft,
  type TierDraft,
} from "./event-draft";
import { SeatRangeRow, type SectionRows } from "./seat-range-row";
import type { VenueSection } from "./validate-event-draft";
import type { DraftEditor } from "./use-event-draft";

function tierLabel(tier: TierDraft, index: number): string {
  return tier.name.trim() || `Tier ${index + 1}`;
}

/** Why a tier can't be removed, or null when it can. */
function removalBlocker(tier: TierDraft): string | null {
  if (tier.ticketsSold === 0) return null;
  const tickets = `${formatCount(tier.ticketsSold)} ${tier.ticketsSold === 1 ? "ticket" : "tickets"}`;
  return `${tickets} sold at this price, so it can't be removed. Change its price or sections instead.`;
}

/** The event's price tiers in the order fans see them: add, remove, reorder, and each tier's seat ranges. */
export function TierList({
  editor,
  sections,
  rowsBySection,
  showSales,
}: {
  editor: DraftEditor;
  /** The venue's sections; null until a venue is chosen and loaded. */
  sections: readonly VenueSection[] | null;
  /** Each seated section's rows, once the venue's seats have loaded. */
  rowsBySection: ReadonlyMap<string, SectionRows> | null;
  /** On edit: show how many tickets each tier has sold. */
  showSales: boolean;
}) {
  const { draft, update, disabled, focusLater } = editor;

  const moveTier = (index: number, offset: -1 | 1) => {
    const tier = draft.tiers[index];
    if (!tier) return;
    update(
      (current) => {
        const tiers = [...current.tiers];
        const [moved] = tiers.splice(index, 1);
        if (moved) tiers.splice(index + offset, 0, moved);
        return { ...current, tiers };
      },
      ["tiers"],
    );
    // At the ends the button that was pressed disables itself; its partner takes the focus.
    const lands = index + offset;
    const direction =
      lands === 0 ? "down" : lands === draft.tiers.length - 1 ? "up" : offset < 0 ? "up" : "down";
    focusLater(`[data-focus="${tier.key}-${direction}"]`);
  };

  const removeTier = (key: string) => {
    update(
      (current) => {
        const sectionTiers = { ...current.sectionTiers };
        for (const [sectionId, tierKey] of Object.entries(sectionTiers))
          if (tierKey === key) sectionTiers[sectionId] = "";
        return { ...current, tiers: current.tiers.filter((tier) => tier.key !== key), sectionTiers };
      },
      ["tiers", `tier.${key}`],
    );
    focusLater('[data-focus="add-tier"]');
  };

  const addTier = () => {
    const tier = newTierDraft(draft.tiers);
    update((current) => ({ ...current, tiers: [...current.tiers, tier] }), ["tiers"]);
    focusLater(`[name="tier.${tier.key}.name"]`);
  };

  return (
    <div className="card-list">
      <ol className="card-list__items">
        {draft.tiers.map((tier, index) => (
          <TierCard
            key={tier.key}
            editor={editor}
            tier={tier}
            index={index}
            sections={sections}
            rowsBySection={rowsBySection}
            showSales={showSales}
            onMove={(offset) => moveTier(index, offset)}
            onRemove={() => removeTier(tier.key)}
          />
        ))}
      </ol>
      <button
        type="button"
        className="button button--secondary"
        data-focus="add-tier"
        onClick={addTier}
        disabled={disabled || draft.tiers.length >= MAX_TIERS}
      >
        <PlusIcon />
        Add a price tier
      </button>
      {draft.tiers.length >= MAX_TIERS ? (
        <p className="field__hint">An event can have up to {MAX_TIERS} price tiers.</p>
      ) : null}
    </div>
  );
}

function TierCard({
  editor,
  tier,
  index,
  sections,
  rowsBySection,
  showSales,
  onMove,
  onRemove,
}: {
  editor: DraftEditor;
  tier: TierDraft;
  index: number;
  sections: readonly VenueSection[] | null;
  rowsBySection: ReadonlyMap<string, SectionRows> | null;
  showSales: boolean;
  onMove: (offset: -1 | 1) => void;
  onRemove: () => void;
}) {
  const id = useId();
  const { draft, errorFor, update, disabled, focusLater } = editor;
  const label = tierLabel(tier, index);
  const blocker = removalBlocker(tier);
  // An event needs at least one tier: the only one has nothing to remove it for.
  const removable = draft.tiers.length > 1 || blocker !== null;
  const cardError = errorFor(`tier.${tier.key}`);
  const assigned = (sections ?? []).filter((section) => draft.sectionTiers[section.id] === tier.key);
  const places = assigned.reduce((sum, section) => sum + section.capacity, 0);

  const changeTier = (patch: Partial<TierDraft>, field: string) =>
    update(
      (current: EventDraft) => ({
        ...current,
        tiers: current.tiers.map((item) => (item.key === tier.key ? { ...item, ...patch } : item)),
      }),
      [`tier.${tier.key}.${field}`, `tier.${tier.key}`],
    );

  const changeRanges = (change: (ranges: SeatRangeDraft[]) => SeatRangeDraft[], keys: string[]) =>
    update(
      (current) => ({
        ...current,
        tiers: current.tiers.map((item) =>
          item.key === tier.key ? { ...item, seatRanges: change(item.seatRanges) } : item,
        ),
      }),
      [...keys, `tier.${tier.key}`],
    );

  const addRange = () => {
    const range = newSeatRangeDraft();
    changeRanges((ranges) => [...ranges, range], []);
    focusLater(`[name="range.${range.key}.sectionId"]`);
  };

  return (
    <li className="tier-card" style={{ borderLeftColor: tier.color }}>
      <div className="tier-card__head">
        <span
          className="swatch tier-card__swatch"
          style={{ backgroundColor: tier.color }}
          aria-hidden="true"
        />
        <h3 className="tier-card__title">{label}</h3>
        {showSales ? (
          <span
            className={`tier-card__sold${!tier.id ? " is-new" : tier.ticketsSold === 0 ? " is-none" : ""}`}
          >
            {tier.id ? `${formatCount(tier.ticketsSold)} sold` : "New"}
          </span>
        ) : null}
        <div className="tier-card__tools">
          <MoveButton
            direction="up"
            focusKey={tier.key}
            label={label}
            disabled={disabled || index === 0}
            onClick={() => onMove(-1)}
          />
          <MoveButton
            direction="down"
            focusKey={tier.key}
            label={label}
            disabled={disabled || index === draft.tiers.length - 1}
            onClick={() => onMove(1)}
          />
          {removable ? (
            <button
              type="button"
              className="button button--ghost button--small tier-card__remove"
              aria-disabled={blocker !== null || disabled ? true : undefined}
              aria-describedby={blocker ? `${id}-blocker` : undefined}
              aria-label={`Remove ${label}`}
              disabled={disabled}
              onClick={() => {
                if (!blocker) onRemove();
              }}
            >
              Remove
            </button>
          ) : null}
        </div>
      </div>
      {blocker ? (
        <p id={`${id}-blocker`} className="tier-card__blocker">
          {blocker}
        </p>
      ) : null}
      {cardError ? (
        <div className="tier-card__error" data-error-anchor tabIndex={-1}>
          <FieldError id={`${id}-error`}>{cardError}</FieldError>
        </div>
      ) : null}
      <div className="tier-card__fields">
        <FormField
          label="Tier name"
          name={`tier.${tier.key}.name`}
          value={tier.name}
          error={errorFor(`tier.${tier.key}.name`)}
          disabled={disabled}
          maxLength={60}
          autoComplete="off"
          placeholder="e.g. Orchestra, Balcony, VIP"
          onChange={(event) => changeTier({ name: event.target.value }, "name")}
        />
        <FormField
          label="Price"
          name={`tier.${tier.key}.price`}
          value={tier.price}
          error={errorFor(`tier.${tier.key}.price`)}
          disabled={disabled}
          inputMode="decimal"
          autoComplete="off"
          hint={tier.ticketsSold > 0 ? "US dollars; tickets already sold keep their price" : "US dollars"}
          onChange={(event) => changeTier({ price: event.target.value }, "price")}
        />
        <FormField
          label="Colour"
          type="color"
          className="input--color"
          name={`tier.${tier.key}.color`}
          value={tier.color}
          error={errorFor(`tier.${tier.key}.color`)}
          disabled={disabled}
          onChange={(event) => changeTier({ color: event.target.value.toLowerCase() }, "color")}
        />
      </div>
      <p className="tier-card__coverage">
        {sections === null
          ? "Choose a venue to give this tier its sections."
          : assigned.length === 0
            ? "No sections yet: pick this tier for sections below, or give it seat ranges."
            : `${formatCount(assigned.length)} ${assigned.length === 1 ? "section" : "sections"} · ${formatCount(places)} places`}
      </p>
      <div className="seat-ranges">
        {tier.seatRanges.length > 0 ? (
          <>
            <p className="seat-ranges__title">Seat ranges at this price</p>
            <ul className="seat-ranges__list">
              {tier.seatRanges.map((range, rangeIndex) => (
                <SeatRangeRow
                  key={range.key}
                  editor={editor}
                  range={range}
                  label={`${label}, seat range ${rangeIndex + 1}`}
                  sections={sections}
                  rows={rowsBySection?.get(range.sectionId) ?? null}
                  onChange={(patch, field) =>
                    changeRanges(
                      (ranges) =>
                        ranges.map((item) => (item.key === range.key ? { ...item, ...patch } : item)),
                      [`range.${range.key}.${field}`],
                    )
                  }
                  onRemove={() => {
                    changeRanges(
                      (ranges) => ranges.filter((item) => item.key !== range.key),
                      [`range.${range.key}`],
                    );
                    focusLater(`[data-focus="${tier.key}-add-range"]`);
                  }}
                />
              ))}
            </ul>
          </>
        ) : null}
        <div className="seat-ranges__add">
          <button
            type="button"
            className="button button--ghost button--small"
            data-focus={`${tier.key}-add-range`}
            disabled={disabled}
            onClick={addRange}
            aria-describedby={`${id}-ranges-hint`}
          >
            Add seat range
          </button>
          <span id={`${id}-ranges-hint`} className="field__hint">
            Seats in a range take this price, whatever their section's tier.
          </span>
        </div>
      </div>
    </li>
  );
}

const MOVE_ARROWS = { up: "M8 13V3M3.5 7.5 8 3l4.5 4.5", down: "M8 3v10M3.5 8.5 8 13l4.5-4.5" } as const;

/** An arrow button that moves a tier one place up or down the list. */
function MoveButton({
  direction,
  focusKey,
  label,
  disabled,
  onClick,
}: {
  direction: "up" | "down";
  focusKey: string;
  label: string;
  disabled: boolean;
  onClick: () => void;
}) {
  return (
    <button
      type="button"
      className="icon-button"
      data-focus={`${focusKey}-${direction}`}
      aria-label={`Move ${label} ${direction}`}
      title={direction === "up" ? "Move up" : "Move down"}
      disabled={disabled}
      onClick={onClick}
    >
      <LineIcon d={MOVE_ARROWS[direction]} strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" />
    </button>
  );
}
