import type { RouterOutputs } from "@frontrow/api";
import { useEffect, useMemo } from "react";
import { DEFAULT_SEAT_COLOR } from "../../seat-map/render-seat-map";
import type { SeatModel, TierInfo } from "../../seat-map/seat-model";
import { describeLayoutSeat, LayoutCanvas } from "../layout-canvas";
import { layoutModel } from "../layout-model";
import { MAX_TIERS, type EventDraft } from "./event-draft";

export type AdminVenueLayout = RouterOutputs["admin"]["venues"]["byId"];

/** Seats and sections without a tier: a colour no tier starts with. */
const NO_TIER_COLOR = "#b3261e"; // --color-red, as the table marks such sections
const NO_TIER_SLOT = MAX_TIERS;

/** The model has one colour slot per possible tier plus "no tier"; painting fills them from the draft. */
const SLOTS: TierInfo[] = [
  ...Array.from({ length: MAX_TIERS }, (_, index) => ({
    id: `slot-${index}`,
    name: "",
    priceCents: 0,
    color: DEFAULT_SEAT_COLOR,
  })),
  { id: "no-tier", name: "No tier yet", priceCents: 0, color: NO_TIER_COLOR },
];

/**
 * Colours the model by the draft: each section by its tier, then the seats of each seat range by theirs (the first
 * tier listing a seat wins, as on the server). Updates the model in place, so the view keeps its zoom and pan.
 */
function paintTiers(
  model: SeatModel,
  tiers: EventDraft["tiers"],
  sectionTiers: EventDraft["sectionTiers"],
): void {
  const slotOf = new Map(tiers.map((tier, index) => [tier.key, index]));
  tiers.forEach((tier, index) => {
    const slot = model.tiers[index];
    if (!slot) return;
    slot.color = tier.color;
    slot.name = tier.name.trim() || `Tier ${index + 1}`;
  });
  for (const section of model.sections)
    section.tierIndex = slotOf.get(sectionTiers[section.id] ?? "") ?? NO_TIER_SLOT;
  for (let seat = 0; seat < model.count; seat++) {
    model.tierOf[seat] = model.sections[model.sectionOf[seat]!]?.tierIndex ?? NO_TIER_SLOT;
  }
  // Later tiers first, so an earlier tier's range has the last word where ranges overlap.
  for (let index = tiers.length - 1; index >= 0; index--) {
    for (const range of tiers[index]!.seatRanges) {
      const section = model.sections[model.sectionIndexOf(range.sectionId)];
      const row = section?.rows.find((item) => item.name === range.row.trim());
      const from = Number(range.from);
      const to = Number(range.to);
      if (!row || !Number.isInteger(from) || !Number.isInteger(to)) continue;
      for (const seat of row.seats) {
        const number = model.seatNumber[seat]!;
        if (number >= from && number <= to) model.tierOf[seat] = index;
      }
    }
  }
  model.touch();
}

/** The venue drawn as fans see it, every seat and standing area in the colour of the tier that will price it. */
export function TierLayoutMap({
  layout,
  tiers,
  sectionTiers,
  onSectionActivate,
}: {
  layout: AdminVenueLayout;
  tiers: EventDraft["tiers"];
  sectionTiers: EventDraft["sectionTiers"];
  onSectionActivate: (sectionId: string) => void;
}) {
  const model = useMemo(() => layoutModel(layout, { tiers: SLOTS, colorKeyOf: () => "no-tier" }), [layout]);
  useEffect(() => paintTiers(model, tiers, sectionTiers), [model, tiers, sectionTiers]);

  const anyUnassigned = layout.sections.some(
    (section) => !tiers.some((tier) => tier.key === sectionTiers[section.id]),
  );
  return (
    <figure className="tier-layout-map">
      <LayoutCanvas
        model={model}
        height={340}
        label="Map of the sections in their tiers' colours"
        describeSeat={(index) =>
          `${describeLayoutSeat(model, index)}, ${model.tiers[model.tierOf[index]!]?.name ?? ""}`
        }
        onSectionActivate={onSectionActivate}
      />
      <figcaption className="tier-layout-map__legend">
        {tiers.map((tier, index) => (
          <span key={tier.key} className="tier-layout-map__key">
            <span className="swatch" style={{ backgroundColor: tier.color }} aria-hidden="true" />
            {tier.name.trim() || `Tier ${index + 1}`}
          </span>
        ))}
        {anyUnassigned ? (
          <span className="tier-layout-map__key">
            <span className="swatch" style={{ backgroundColor: NO_TIER_COLOR }} aria-hidden="true" />
            No tier yet
          </span>
        ) : null}
      </figcaption>
    </figure>
  );
}
