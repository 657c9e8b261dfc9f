import { z } from "zod";
import { refundPolicyOutput } from "./shared";

const ticketOutput = z.object({
  id: z.string(),
  orderId: z.string(),
  eventId: z.string(),
  code: z.string(),
  status: z.enum(["valid", "void"]),
  priceCents: z.number(),
  tierName: z.string(),
  section: z.string(),
  row: z.string().nullable(),
  number: z.number().nullable(),
  seat: z.string(),
  /** The static code printed in the PDF; null where the event does not allow printed tickets. */
  qr: z.string().nullable(),
  /** The owner's key to the rotating code (orders.byId, valid tickets only; null in orders.list). */
  rotatingKey: z.object({ credential: z.string(), secretKey: z.string() }).nullable(),
  /** When a door scanner let the ticket in. */
  admittedAt: z.date().nullable(),
});

/** An order as its fan sees it in their list (no payment). */
export const orderSummaryOutput = z.object({
  id: z.string(),
  eventId: z.string(),
  holdId: z.string(),
  status: z.enum(["confirmed", "cancelled"]),
  subtotalCents: z.number(),
  feesCents: z.number(),
  totalCents: z.number(),
  currency: z.string(),
  createdAt: z.date(),
  cancelledAt: z.date().nullable(),
  refundedCents: z.number().nullable(),
  event: z.object({
    id: z.string(),
    name: z.string(),
    performer: z.string(),
    startsAt: z.date(),
    venueName: z.string(),
    venueCity: z.string(),
    timezone: z.string(),
  }),
  refundPolicy: refundPolicyOutput,
  tickets: z.array(ticketOutput),
});
export const ordersListOutput = z.array(orderSummaryOutput);

/** One order with its payment. */
export const orderOutput = orderSummaryOutput.extend({
  payment: z
    .object({ cardLast4: z.string(), status: z.enum(["authorized", "captured", "voided", "refunded"]) })
    .nullable(),
});

export const checkoutOutput = z.object({ order: orderOutput });
