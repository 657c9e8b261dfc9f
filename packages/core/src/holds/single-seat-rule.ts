import type { EventLayout, LayoutSeat } from "./event-layout";

/**
 * The single-seat rule's notion of a row, shared by best available and hand-picked holds: seats are neighbours
 * when their numbers are one apart in the same row (a gap in numbering is an aisle), and wheelchair spaces take no
 * part (they are neither stranded nor strand anyone: they sit alone with a companion seat by design).
 */
export const countsForSingleSeatRule = (seat: LayoutSeat) => !seat.accessible;
export const areNeighbours = (left: LayoutSeat, right: LayoutSeat) =>
  left.sectionId === right.sectionId && left.row === right.row && right.number === left.number + 1;

/**
 * One seat a hand-picked hold could leave alone, as the hold script checks it (see hold-seats-14.lua):
 * `seat` is stranded when it stays free while its neighbour on each side is taken, chosen or missing ("" = the row
 * or run ends there). The stops are the first seats past the chosen ones next to it: when neither stop is free,
 * the seat's run was the chosen seats plus this one, so every choice of that many seats there leaves one alone,
 * and the hold is allowed.
 */
export type StrandCheck = [seat: string, leftNeighbour: string, leftStop: string, rightNeighbour: string, rightStop: string];

/** The checks for a hand-picked hold of `seatIds`: the free-able seats next to its chosen seats. */
export function strandChecks(layout: EventLayout, seatIds: string[]): StrandCheck[] {
  const chosen = new Set(seatIds);
  const checks: StrandCheck[] = [];
  const seen = new Set<string>();
  for (const seatId of seatIds) {
    const seat = layout.seatById.get(seatId);
    if (!seat || !countsForSingleSeatRule(seat)) continue;
    const row = layout.rows.get(`${seat.sectionId}|${seat.row}`)!;
    const at = row.indexOf(seat);
    for (const step of [-1, 1]) {
      const other = neighbour(row, at, step);
      if (other === undefined || chosen.has(row[other]!.id) || seen.has(row[other]!.id)) continue;
      seen.add(row[other]!.id);
      const [leftNeighbour, leftStop] = towards(row, other, -1, chosen);
      const [rightNeighbour, rightStop] = towards(row, other, 1, chosen);
      checks.push([row[other]!.id, leftNeighbour, leftStop, rightNeighbour, rightStop]);
    }
  }
  return checks;
}

/** The index of the seat next to `row[at]` in direction `step` under the rule, if any. */
function neighbour(row: LayoutSeat[], at: number, step: number): number | undefined {
  const other = row[at + step];
  if (!other || !countsForSingleSeatRule(other)) return undefined;
  const [left, right] = step < 0 ? [other, row[at]!] : [row[at]!, other];
  return areNeighbours(left, right) ? at + step : undefined;
}

/** The neighbour of `row[at]` in direction `step`, and the first seat past the chosen seats that way ("" = none). */
function towards(row: LayoutSeat[], at: number, step: number, chosen: Set<string>): [string, string] {
  const first = neighbour(row, at, step);
  if (first === undefined) return ["", ""];
  let stop: number | undefined = first;
  while (stop !== undefined && chosen.has(row[stop]!.id)) stop = neighbour(row, stop, step);
  return [row[first]!.id, stop === undefined ? "" : row[stop]!.id];
}
