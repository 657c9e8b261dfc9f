/** Seats are drawn with this radius, as a share of the distance between neighbouring seats. */
export const SEAT_RADIUS = 0.4;

/** A seat's drawn radius on screen at `scale` (never thinner than a hairline dot). */
export function seatRadiusPx(pitch: number, scale: number): number {
  return Math.max(0.8, pitch * SEAT_RADIUS * scale);
}
