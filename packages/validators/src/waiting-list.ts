import { z } from "zod";
import { idSchema } from "./catalog";

/**
 * Joining an event's waiting list: how many tickets (at most the event's per-fan limit), optionally only one
 * section's seats and optionally only one price tier's.
 */
export const waitingListJoinInput = z.object({
  eventId: idSchema,
  quantity: z.number().int().min(1, "Ask for at least 1 ticket").max(50, "Ask for at most 50 tickets"),
  sectionId: idSchema.nullish(),
  tierId: idSchema.nullish(),
});
