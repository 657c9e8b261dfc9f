import { formatCount } from "../../lib/format";

/** "120 seats and 400 standing places left"; standing places are never counted as seats. */
export function leftWords({ seats, standing }: { seats: number; standing: number }): string {
  const parts = [
    seats > 0 || standing === 0 ? `${formatCount(seats)} ${seats === 1 ? "seat" : "seats"}` : null,
    standing > 0 ? `${formatCount(standing)} standing ${standing === 1 ? "place" : "places"}` : null,
  ].filter(Boolean);
  return `${parts.join(" and ")} left`;
}
