import { z } from "zod";
import { idSchema } from "./catalog";
import { ticketIdsSchema } from "./transfers";

/** Tickets listed in one request at most. */
export const MAX_TICKETS_PER_LISTING = 50;

/** `resale.list`: some of the fan's tickets of one order, offered to other fans at face value. */
export const resaleListInput = z.object({
  orderId: idSchema,
  ticketIds: ticketIdsSchema(MAX_TICKETS_PER_LISTING, "at once"),
});
export type ResaleListInput = z.output<typeof resaleListInput>;

export const resaleListingIdInput = z.object({ listingId: idSchema });
export const resaleOrderInput = z.object({ orderId: idSchema });
