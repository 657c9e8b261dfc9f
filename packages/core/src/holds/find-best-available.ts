import type { EventLayout, LayoutSeat } from "./event-layout";
import { areNeighbours, countsForSingleSeatRule } from "./single-seat-rule";

export interface BestAvailableRequest {
  quantity: number;
  sectionId?: string;
  tierId?: string;
}

export interface SeatBlock {
  seatIds: string[];
  /** (neighbour, beyond) pairs the hold script re-checks so the block still strands no single seat. */
  orphanGuards: Array<[string, string]>;
  strandsSeat: boolean;
}

/**
 * Ranks blocks of `quantity` adjacent free seats: front rows first, then closest to the row's centre. A block
 * that would leave exactly one free seat beside it is offered only when no other block exists. Wheelchair
 * spaces are never picked automatically; fans choose them on the map.
 */
export function findBestAvailable(
  layout: EventLayout,
  isTaken: (seatId: string) => boolean,
  request: BestAvailableRequest,
  maxBlocks = 6,
): SeatBlock[] {
  const ranked: Array<SeatBlock & { score: number }> = [];
  const sectionOrder = new Map(layout.sections.map((section, index) => [section.id, index]));
  const rowsBySection = new Map<string, string[]>();
  for (const key of layout.rows.keys()) {
    const [sectionId, row] = key.split("|") as [string, string];
    const list = rowsBySection.get(sectionId) ?? [];
    list.push(row);
    rowsBySection.set(sectionId, list);
  }
  // Row "A" is in front of "B", and "Z" in front of "AA".
  for (const rows of rowsBySection.values()) rows.sort((a, b) => a.length - b.length || a.localeCompare(b));
  const rowRank = (sectionId: string, row: string) => rowsBySection.get(sectionId)!.indexOf(row);

  for (const [key, rowSeats] of layout.rows) {
    const first = rowSeats[0];
    if (!first) continue;
    if (request.sectionId && first.sectionId !== request.sectionId) continue;
    const usable = (seat: LayoutSeat) =>
      countsForSingleSeatRule(seat) && !isTaken(seat.id) && (!request.tierId || seat.tierId === request.tierId);
    const rank = (sectionOrder.get(first.sectionId) ?? 0) * 10_000 + rowRank(first.sectionId, key.split("|")[1]!) * 100;
    const centre = (rowSeats.length - 1) / 2;

    // Runs of adjacent free seats (neighbours under the single-seat rule).
    let runStart = 0;
    for (let i = 0; i <= rowSeats.length; i++) {
      const seat = rowSeats[i];
      const continues = seat && usable(seat) && (i === runStart || areNeighbours(rowSeats[i - 1]!, seat));
      if (continues) continue;
      const run = rowSeats.slice(runStart, i);
      for (let p = 0; p + request.quantity <= run.length; p++) {
        const left = p;
        const right = run.length - request.quantity - p;
        const block = run.slice(p, p + request.quantity);
        const strandsSeat = left === 1 || right === 1;
        const guards: Array<[string, string]> = [];
        if (left >= 2) guards.push([run[p - 1]!.id, run[p - 2]!.id]);
        if (right >= 2) guards.push([run[p + request.quantity]!.id, run[p + request.quantity + 1]!.id]);
        const blockCentre = runStart + p + (request.quantity - 1) / 2;
        ranked.push({
          seatIds: block.map((s) => s.id),
          orphanGuards: strandsSeat ? [] : guards,
          strandsSeat,
          score: (strandsSeat ? 1e9 : 0) + rank + Math.abs(blockCentre - centre),
        });
      }
      runStart = seat && usable(seat) ? i : i + 1;
    }
  }
  ranked.sort((a, b) => a.score - b.score);
  return ranked.slice(0, maxBlocks).map(({ score: _score, ...block }) => block);
}
