import { DomainError } from "../errors";

export interface SeatRange {
  sectionId: string;
  row: string;
  from: number;
  to: number;
}

export interface TierPlacement {
  id: string;
  name: string;
  sectionIds: string[];
  seatRanges: SeatRange[];
}

export interface TierAssignment {
  /** Each section's default tier. */
  sectionTier: Map<string, string>;
  /** A seat's tier: the first tier whose seat range holds it, else its section's default. */
  tierOfSeat(seat: { sectionId: string; row: string; number: number }): string;
}

/**
 * Which tier prices each section and seat of an event, as createEvent and updateEvent both apply it. Refused with a
 * reason when a tier names another venue's section, a section gets two default tiers, or a section gets none.
 */
export function assignEventTiers(venueSections: Array<{ id: string; name: string }>, tiers: TierPlacement[]): TierAssignment {
  const sectionIds = new Set(venueSections.map((section) => section.id));
  const sectionTier = new Map<string, string>();
  for (const tier of tiers) {
    for (const sectionId of [...tier.sectionIds, ...tier.seatRanges.map((range) => range.sectionId)]) {
      if (!sectionIds.has(sectionId)) {
        throw new DomainError("INVALID_INPUT", `Tier ${tier.name} names a section of another venue`, { field: "tiers" });
      }
    }
    const backwards = tier.seatRanges.find((range) => range.from > range.to);
    if (backwards) {
      throw new DomainError(
        "INVALID_INPUT",
        `Tier ${tier.name}: the seat range in row ${backwards.row} starts at ${backwards.from}, after its end ${backwards.to}`,
        { field: "tiers" },
      );
    }
    for (const sectionId of tier.sectionIds) {
      if (sectionTier.has(sectionId)) {
        throw new DomainError("INVALID_INPUT", "A section can have only one default tier", { field: "tiers" });
      }
      sectionTier.set(sectionId, tier.id);
    }
  }
  const unpriced = venueSections.filter((section) => !sectionTier.has(section.id));
  if (unpriced.length > 0) {
    throw new DomainError("INVALID_INPUT", `Give every section a price tier: ${unpriced.map((s) => s.name).join(", ")}`, {
      field: "tiers",
    });
  }
  return {
    sectionTier,
    tierOfSeat: (seat) =>
      tiers.find((tier) =>
        tier.seatRanges.some(
          (range) => range.sectionId === seat.sectionId && range.row === seat.row && seat.number >= range.from && seat.number <= range.to,
        ),
      )?.id ?? sectionTier.get(seat.sectionId)!,
  };
}

/**
 * The seat ranges that reproduce the given seats' tiers where they differ from their section's default: one
 * range per run of consecutive seat numbers in a row.
 */
export function seatRangesOf(overrides: Array<{ tierId: string; sectionId: string; row: string; number: number }>) {
  const ordered = [...overrides].sort(
    (a, b) =>
      a.tierId.localeCompare(b.tierId) || a.sectionId.localeCompare(b.sectionId) || a.row.localeCompare(b.row) || a.number - b.number,
  );
  const ranges = new Map<string, SeatRange[]>();
  for (const seat of ordered) {
    const list = ranges.get(seat.tierId) ?? [];
    const last = list.at(-1);
    if (last && last.sectionId === seat.sectionId && last.row === seat.row && last.to + 1 === seat.number) last.to = seat.number;
    else list.push({ sectionId: seat.sectionId, row: seat.row, from: seat.number, to: seat.number });
    ranges.set(seat.tierId, list);
  }
  return ranges;
}
