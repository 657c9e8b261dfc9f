import { z } from "zod";
import { dateInput, text } from "./primitives";

export const eventCategories = ["concert", "sports", "theatre", "comedy", "family", "festival"] as const;
export type EventCategory = (typeof eventCategories)[number];

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
export const venueByIdInput = z.object({ venueId: idSchema });
