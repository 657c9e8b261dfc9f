import { z } from "zod";

/** An order's resale: the event's rules and every listing of its tickets (resale.ofOrder, resale.list, resale.withdraw). */
export const resaleOfOrderOutput = z.object({
  orderId: z.string(),
  rules: z.object({
    /** Listing is possible now: allowed, and the event still sells. */
    open: z.boolean(),
    allowed: z.boolean(),
    /** A sold ticket's seller gets its booking fee back as well as its price. */
    feesRefunded: z.boolean(),
  }),
  listings: z.array(
    z.object({
      id: z.string(),
      ticketId: z.string(),
      seat: z.string(),
      status: z.enum(["listed", "withdrawn", "sold", "cancelled"]),
      /** What a buyer pays for the ticket: what the seller paid. */
      priceCents: z.number().int(),
      /** What the seller gets back once it sells. */
      refundCents: z.number().int(),
      /** Set once sold: "due" until the buyer's payment is captured, then "refunded". */
      refundStatus: z.enum(["due", "refunded"]).nullable(),
      createdAt: z.date(),
      closedAt: z.date().nullable(),
    }),
  ),
});
