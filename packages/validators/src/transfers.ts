import { z } from "zod";
import { emailSchema } from "./auth";
import { idSchema } from "./catalog";

/** Tickets sent in one transfer at most (a fan's per-fan limit is at most this in practice). */
export const MAX_TICKETS_PER_TRANSFER = 50;

/** `transfers.send`: some of the fan's tickets of one order, to another account by email. */
export const transferSendInput = z.object({
  orderId: idSchema,
  ticketIds: z
    .array(idSchema)
    .min(1, "Choose at least one ticket")
    .max(MAX_TICKETS_PER_TRANSFER, `At most ${MAX_TICKETS_PER_TRANSFER} tickets per transfer`)
    .refine((ids) => new Set(ids).size === ids.length, "A ticket is listed twice"),
  toEmail: emailSchema,
});
export type TransferSendInput = z.output<typeof transferSendInput>;

export const transferIdInput = z.object({ transferId: idSchema });
