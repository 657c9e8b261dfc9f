import { DomainError } from "../errors";
import type { EventLayout, LayoutSeat } from "./event-layout";

/** The version of a layout: a change of the venue's seats, or of the event (tiers, prices), makes a new one. */
export function layoutVersionOf(layout: EventLayout): string {
  return `${layout.event.layoutVersion}-${layout.event.updatedAt.getTime()}`;
}

interface SeatOrder {
  seats: LayoutSeat[];
  indexOf: Map<string, number>;
  sectionIndexOf: Map<string, number>;
}

const orders = new WeakMap<EventLayout, SeatOrder>();

/**
 * The layout's seats in the order the layout, seat ids and status payloads share: by section (as listed), row,
 * number, then id. Every instance derives the same order from the same layout version.
 */
export function seatOrderOf(layout: EventLayout): SeatOrder {
  let order = orders.get(layout);
  if (!order) {
    const sectionIndexOf = new Map(layout.sections.map((section, index) => [section.id, index]));
    const seats = [...layout.seats].sort(
      (a, b) =>
        (sectionIndexOf.get(a.sectionId) ?? -1) - (sectionIndexOf.get(b.sectionId) ?? -1) ||
        (a.row < b.row ? -1 : a.row > b.row ? 1 : 0) ||
        a.number - b.number ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
    order = { seats, indexOf: new Map(seats.map((seat, index) => [seat.id, index])), sectionIndexOf };
    orders.set(layout, order);
  }
  return order;
}

/** Where the seats are in the layout's order (the indices clients address seats by); unknown ids are left out. */
export function seatIndexesOf(layout: EventLayout, seatIds: readonly string[]): number[] {
  const { indexOf } = seatOrderOf(layout);
  return seatIds.flatMap((id) => {
    const index = indexOf.get(id);
    return index === undefined ? [] : [index];
  });
}

/**
 * The seat ids at `indexes` of layout `version`. A version other than the current one is refused with
 * LAYOUT_CHANGED (the client's map is out of date: the same index may be another seat now), an index past the
 * layout's seats with INVALID_INPUT.
 */
export function seatIdsAt(layout: EventLayout, version: string, indexes: readonly number[]): string[] {
  if (version !== layoutVersionOf(layout)) {
    throw new DomainError(
      "LAYOUT_CHANGED",
      "The seat map has changed since you loaded it: reload it and pick again",
      {
        field: "layoutVersion",
      },
    );
  }
  const { seats } = seatOrderOf(layout);
  const outside = indexes.filter((index) => index >= seats.length);
  if (outside.length > 0) {
    throw new DomainError(
      "INVALID_INPUT",
      `Some seats are not part of this event (${outside.slice(0, 5).join(", ")})`,
      {
        field: "seatIndexes",
      },
    );
  }
  return indexes.map((index) => seats[index]!.id);
}
