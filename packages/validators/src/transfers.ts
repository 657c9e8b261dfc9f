import { z } from "zod";
import { emailSchema } from "./auth";
import { idSchema } from "./catalog";

/** Tickets sent in one transfer at most (a fan's per-fan limit is at most this in practice). */
export const MAX_TICKETS_PER_TRANSFER = 50;

/** Some distinct tickets, at least one and at most `max` (`per` ends the too-many message: "per transfer"). */
export function ticketIdsSchema(max: number, per: string) {
  return z
    .array(idSchema)
    .min(1, "Choose at least one ticket")
    .max(max, `At most ${max} tickets ${per}`)
    .refine((ids) => new Set(ids).size === ids.length, "A ticket is listed twice");
}

/** `transfers.send`: some of the fan's tickets of one order, to another account by email. */
export const transferSendInput = z.object({
  orderId: idSchema,
  ticketIds: ticketIdsSchema(MAX_TICKETS_PER_TRANSFER, "per transfer"),
  toEmail: emailSchema,
});
export type TransferSendInput = z.output<typeof transferSendInput>;

export const transferIdInput = z.object({ transferId: idSchema });
