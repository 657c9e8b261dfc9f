import { randomUUID } from "node:crypto";
import { DomainError } from "../errors";

/** A hold id names its event (`<eventId>.<uuid>`), so a hold is found from its id alone. */
export function newHoldId(eventId: string): string {
  return `${eventId}.${randomUUID()}`;
}

export const HOLD_ID_PATTERN = /^[0-9a-f-]{36}\.[0-9a-f-]{36}$/i;

export function eventIdOfHold(holdId: string): string {
  if (!HOLD_ID_PATTERN.test(holdId)) throw new DomainError("HOLD_NOT_FOUND", "This hold does not exist");
  return holdId.slice(0, 36);
}
