import type { SeatIdsPayload, SeatLayoutPayload, SeatStatusPayload } from "./seat-map";

/** The seat map parts' marks and how they are put back together; no zod (see constants.ts for why). */

export const FLAG_ACCESSIBLE = 1;
export const FLAG_COMPANION = 2;
export const FLAG_RESTRICTED = 4;

export type AssembledSeatStatus = "available" | "held" | "sold" | "blocked" | "resale";

/**
 * The three parts put back together as one seat map: every seat with its place, marks and status, and every
 * section with what is left (the shape `seats.map` returns, without `mine`).
 */
export function assembleSeatMap(
  layout: SeatLayoutPayload,
  seatIds: SeatIdsPayload,
  status: SeatStatusPayload,
) {
  if (layout.version !== seatIds.version || layout.version !== status.version) {
    throw new Error(
      `seat map parts of different layout versions (${layout.version}, ${seatIds.version}, ${status.version})`,
    );
  }
  const statusOf = new Array<AssembledSeatStatus>(seatIds.ids.length).fill("available");
  for (const [name, gaps] of [
    ["held", status.held],
    ["sold", status.sold],
    ["blocked", status.blocked],
    ["resale", status.resale ?? []],
  ] as const) {
    for (const index of fromIndexGaps(gaps)) statusOf[index] = name;
  }
  const { seats: columns } = layout;
  const available = new Array<number>(layout.sections.length).fill(0);
  const seats = seatIds.ids.map((id, i) => {
    const section = columns.section[i]!;
    if (statusOf[i] === "available" || statusOf[i] === "resale") available[section] = (available[section] ?? 0) + 1;
    const flags = columns.flags[i]!;
    return {
      id,
      sectionId: layout.sections[section]?.id ?? "",
      row: layout.rows[columns.row[i]!] ?? "",
      number: columns.number[i]!,
      x: columns.x[i]! / 100,
      y: columns.y[i]! / 100,
      tierId: layout.tiers[columns.tier[i]!]?.id ?? layout.sections[section]?.tierId ?? "",
      accessible: (flags & FLAG_ACCESSIBLE) !== 0,
      companion: (flags & FLAG_COMPANION) !== 0,
      restrictedView: (flags & FLAG_RESTRICTED) !== 0,
      status: statusOf[i]!,
    };
  });
  return {
    eventId: layout.eventId,
    seq: status.seq,
    venue: layout.venue,
    tiers: layout.tiers,
    sections: sectionsWithAvailable(layout, status, available),
    seats,
  };
}

/** The layout's sections with what is left in each: places for general admission (from the status), else free seats. */
export function sectionsWithAvailable(
  layout: SeatLayoutPayload,
  status: SeatStatusPayload,
  freeSeatsBySection: readonly number[],
) {
  const generalAdmission = new Map(status.generalAdmission);
  return layout.sections.map((section, index) => ({
    ...section,
    available:
      section.kind === "general_admission"
        ? (generalAdmission.get(index) ?? 0)
        : (freeSeatsBySection[index] ?? 0),
  }));
}

export function toIndexGaps(sortedIndices: readonly number[]): number[] {
  return sortedIndices.map((index, i) => (i === 0 ? index : index - sortedIndices[i - 1]!));
}

export function fromIndexGaps(gaps: readonly number[]): number[] {
  let at = 0;
  return gaps.map((gap, i) => (at = i === 0 ? gap : at + gap));
}
