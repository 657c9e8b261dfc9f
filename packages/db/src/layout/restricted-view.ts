import type { LayoutSeat } from "./types";

/** Marks the seats matching `isRestricted` (all of them when it is omitted) as having a restricted view. */
export function withRestrictedView(
  seats: readonly LayoutSeat[],
  isRestricted: (seat: LayoutSeat) => boolean = () => true,
): LayoutSeat[] {
  return seats.map((seat) => (isRestricted(seat) ? { ...seat, restrictedView: true } : seat));
}
