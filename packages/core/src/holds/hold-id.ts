import { randomUUID } from "node:crypto";
import { holdIdSchema } from "@frontrow/validators";
import { DomainError } from "../errors";

/** A hold id names its event (`<eventId>.<uuid>`), so a hold is found from its id alone. */
export function newHoldId(eventId: string): string {
  return `${eventId}.${randomUUID()}`;
}

export function eventIdOfHold(holdId: string): string {
  if (!holdIdSchema.safeParse(holdId).success) throw new DomainError("HOLD_NOT_FOUND", "This hold does not exist");
  return holdId.slice(0, 36);
}
