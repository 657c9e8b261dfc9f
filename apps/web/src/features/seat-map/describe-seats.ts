import { listPhrase } from "./list-phrase";
import type { SeatModel } from "./seat-model";
import { sectionName } from "./section-name";

/** Seat numbers as a phrase: [7] → "seat 7", [6, 7, 8, 9] → "seats 6–9", [3, 7] → "seats 3 and 7". */
function numbersPhrase(numbers: number[]): string {
  const sorted = [...numbers].sort((a, b) => a - b);
  if (sorted.length === 1) return `seat ${sorted[0]}`;
  const consecutive = sorted.every((n, i) => i === 0 || n === sorted[i - 1]! + 1);
  if (consecutive && sorted.length > 2) return `seats ${sorted[0]}–${sorted[sorted.length - 1]}`;
  return `seats ${listPhrase(sorted.map(String))}`;
}

/**
 * Several seats in words, grouped by section and row: "Section 101, row A, seats 6–9" or
 * "Section 112, row F, seat 7 and Section 114, row B, seat 2". One seat reads exactly like `seatPlace`.
 */
export function describeSeats(model: SeatModel, indexes: readonly number[]): string {
  const groups = new Map<string, { section: string; row: string; numbers: number[] }>();
  for (const index of indexes) {
    const section = model.sectionOfSeat(index);
    const row = model.rowNameOf(index) ?? "?";
    const key = `${section?.id ?? ""}|${row}`;
    const group = groups.get(key);
    if (group) group.numbers.push(model.seatNumber[index] ?? 0);
    else
      groups.set(key, {
        section: section ? sectionName(section.name) : "",
        row,
        numbers: [model.seatNumber[index] ?? 0],
      });
  }
  return listPhrase(
    [...groups.values()].map(
      (group) =>
        `${group.section ? `${group.section}, ` : ""}row ${group.row}, ${numbersPhrase(group.numbers)}`,
    ),
  );
}
