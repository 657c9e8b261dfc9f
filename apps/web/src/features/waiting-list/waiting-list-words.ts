import type { DomainCode } from "../../lib/errors";

/** "You're number 3 on the waiting list for 2 tickets in Section 101." */
export function positionSentence(position: number, quantity: number, section: string | null): string {
  const tickets = quantity === 1 ? "1 ticket" : `${quantity} tickets`;
  const where = section ? ` in ${section}` : "";
  const place = position === 1 ? "You're next on the waiting list" : `You're number ${position} on the waiting list`;
  return `${place} for ${tickets}${where}.`;
}

/** "2 tickets are held for you from the waiting list." */
export function offerSentence(quantity: number): string {
  return quantity === 1
    ? "A ticket came back on sale and is held for you."
    : `${quantity} tickets came back on sale and are held for you, together.`;
}

/** What the fan is told about their last offer once it is over. */
export function lastOfferSentence(ended: "expired" | "left" | "purchased" | null): string | null {
  if (ended === "expired") return "Your offer from the waiting list ran out before it was paid, so it went to the next fan.";
  if (ended === "left") return "You gave up your offer from the waiting list; it went to the next fan.";
  return null;
}

/** A refusal of joining, in the fan's words (the server's message otherwise). */
export function joinErrorMessage(code: DomainCode | null, message: string): string {
  if (code === "ALREADY_ON_WAITING_LIST") return "You're on this waiting list already.";
  if (code === "WAITING_LIST_CLOSED") return "This waiting list is closed.";
  return message;
}
