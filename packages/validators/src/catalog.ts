import { z } from "zod";

export const eventCategories = ["concert", "sports", "theatre", "comedy", "family", "festival"] as const;
export type EventCategory = (typeof eventCategories)[number];

/** Any UUID-shaped id; the database decides whether it exists. */
export const idSchema = z.guid("Not a valid id");

export const eventsListInput = z
  .object({
    q: z.string().trim().max(200).optional(),
    category: z.enum(eventCategories).optional(),
    venueId: idSchema.optional(),
    from: z.coerce.date().optional(),
    to: z.coerce.date().optional(),
    cursor: z.string().max(500).optional(),
    limit: z.number().int().min(1).max(50).default(12),
  })
  .refine((input) => !input.from || !input.to || input.from <= input.to, {
    message: "`from` must not be after `to`",
    path: ["to"],
  });
export type EventsListInput = z.output<typeof eventsListInput>;

export const eventByIdInput = z.object({ eventId: idSchema });
export const venueByIdInput = z.object({ venueId: idSchema });

/** The most seats one request may name; the event's per-fan limit is usually lower. */
export const MAX_SEATS_PER_HOLD = 50;

const quantity = z.number().int().min(1).max(MAX_SEATS_PER_HOLD);

export const holdRequest = z.union([
  z.object({
    eventId: idSchema,
    accessPass: z.string().max(2000).optional(),
    seatIds: z.array(idSchema).min(1, "Pick at least one seat").max(MAX_SEATS_PER_HOLD),
  }),
  z.object({
    eventId: idSchema,
    accessPass: z.string().max(2000).optional(),
    sections: z.array(z.object({ sectionId: idSchema, quantity })).min(1).max(20),
  }),
  z.object({
    eventId: idSchema,
    accessPass: z.string().max(2000).optional(),
    best: z.object({ quantity, sectionId: idSchema.optional(), tierId: idSchema.optional() }),
  }),
]);
export type HoldRequest = z.output<typeof holdRequest>;

export const holdIdInput = z.object({
  holdId: z.string().regex(/^[0-9a-f-]{36}\.[0-9a-f-]{36}$/i, "Not a valid hold id"),
});
export const seatMapInput = z.object({ eventId: idSchema });
export const seatChangesInput = z.object({ eventId: idSchema, lastEventId: z.string().max(40).optional() });
export const myHoldsInput = z.object({ eventId: idSchema.optional() }).optional();
