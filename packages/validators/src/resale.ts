import { z } from "zod";
import { idSchema } from "./catalog";

/** Tickets listed in one request at most. */
export const MAX_TICKETS_PER_LISTING = 50;

/** `resale.list`: some of the fan's tickets of one order, offered to other fans at face value. */
export const resaleListInput = z.object({
  orderId: idSchema,
  ticketIds: z
    .array(idSchema)
    .min(1, "Choose at least one ticket")
    .max(MAX_TICKETS_PER_LISTING, `At most ${MAX_TICKETS_PER_LISTING} tickets at once`)
    .refine((ids) => new Set(ids).size === ids.length, "A ticket is listed twice"),
});
export type ResaleListInput = z.output<typeof resaleListInput>;

export const resaleListingIdInput = z.object({ listingId: idSchema });
export const resaleOrderInput = z.object({ orderId: idSchema });
