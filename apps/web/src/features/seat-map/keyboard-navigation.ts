import type { SeatModel } from "./seat-model";

export type Direction = "left" | "right" | "up" | "down";

const VECTORS: Record<Direction, [number, number]> = {
  left: [-1, 0],
  right: [1, 0],
  up: [0, -1],
  down: [0, 1],
};

export const ARROW_KEYS: Record<string, Direction> = {
  ArrowLeft: "left",
  ArrowRight: "right",
  ArrowUp: "up",
  ArrowDown: "down",
};

/**
 * The seat to move the keyboard focus to from seat `from`, going `direction` on screen: the nearest seat
 * roughly that way (within a 60° cone either side), preferring seats straight ahead over seats off to the
 * side. Returns -1 when there is none.
 */
export function seatInDirection(model: SeatModel, from: number, direction: Direction): number {
  if (from < 0 || from >= model.count) return -1;
  const [dx, dy] = VECTORS[direction];
  const x = model.xs[from]!;
  const y = model.ys[from]!;
  const span = Math.max(model.bounds.maxX - model.bounds.minX, model.bounds.maxY - model.bounds.minY);
  for (let radius = model.pitch * 2.5; radius < span * 2; radius *= 2) {
    let best = -1;
    let bestScore = Infinity;
    model.grid.forEachNear(
      { minX: x - radius, minY: y - radius, maxX: x + radius, maxY: y + radius },
      (i) => {
        if (i === from) return;
        const vx = model.xs[i]! - x;
        const vy = model.ys[i]! - y;
        const along = vx * dx + vy * dy;
        if (along <= model.pitch * 0.2) return;
        const across = Math.abs(vx * dy - vy * dx);
        if (across > along * 1.8) return; // outside the cone
        const distance = Math.hypot(vx, vy);
        if (distance > radius) return;
        const score = along + across * 2.5;
        if (score < bestScore) {
          bestScore = score;
          best = i;
        }
      },
    );
    if (best >= 0) return best;
  }
  return -1;
}

/** Home/End: the first or last seat of the focused seat's row. */
export function rowEnd(model: SeatModel, from: number, end: "first" | "last"): number {
  const section = model.sectionOfSeat(from);
  const row = section?.rows.find((candidate) => candidate.name === model.rowNameOf(from));
  if (!row || row.seats.length === 0) return -1;
  return (end === "first" ? row.seats[0] : row.seats[row.seats.length - 1]) ?? -1;
}

/**
 * Where the keyboard walk starts, the same seat every time: the first available seat (first row, lowest number)
 * of the section the fan picked, else of the first section in the map's order that has one.
 */
export function firstAvailableSeat(model: SeatModel, activeSection: number): number {
  const sections = activeSection >= 0 ? [model.sections[activeSection], ...model.sections] : model.sections;
  for (const section of sections) {
    for (const row of section?.rows ?? []) {
      const seat = row.seats.find((index) => model.isAvailable(index));
      if (seat !== undefined) return seat;
    }
  }
  return -1;
}
