import { z } from "zod";
import { eventCategories } from "./constants";
import { proofOfWorkPayload } from "./auth";
import { dateInput, text } from "./primitives";

/** Any UUID-shaped id; the database decides whether it exists. */
export const idSchema = z.guid("Not a valid id");

export const eventsListInput = z
  .object({
    q: text().trim().max(200).optional(),
    category: z.enum(eventCategories).optional(),
    venueId: idSchema.optional(),
    from: dateInput().optional(),
    to: dateInput().optional(),
    cursor: text().max(500).optional(),
    limit: z.number().int().min(1).max(50).default(12),
  })
  .refine((input) => !input.from || !input.to || input.from <= input.to, {
    message: "`from` must not be after `to`",
    path: ["to"],
  });
export type EventsListInput = z.output<typeof eventsListInput>;

export const eventByIdInput = z.object({ eventId: idSchema });
/** Joining a waiting room; a high-demand event also needs a solved challenge (see proofOfWorkPayload). */
/** Which challenge to hand out: a sign-up's (no event) or a high-demand event's waiting room's. */
export const proofOfWorkChallengeInput = z.object({ eventId: idSchema.optional() }).optional();
export const queueJoinInput = eventByIdInput.extend({ proofOfWork: proofOfWorkPayload });
export const venueByIdInput = z.object({ venueId: idSchema });
