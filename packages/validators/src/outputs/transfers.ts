import { z } from "zod";

export const transferOutput = z.object({
  id: z.string(),
  direction: z.enum(["incoming", "outgoing"]),
  status: z.enum(["pending", "accepted", "declined", "cancelled", "expired"]),
  from: z.object({ name: z.string(), email: z.string() }),
  toEmail: z.string(),
  createdAt: z.date(),
  closedAt: z.date().nullable(),
  closesAt: z.date(),
  event: z.object({
    id: z.string(),
    name: z.string(),
    startsAt: z.date(),
    venueName: z.string(),
    timezone: z.string(),
  }),
  orderId: z.string(),
  tickets: z.array(
    z.object({
      ticketId: z.string(),
      seat: z.string(),
      code: z.string().nullable(),
      /** The printed code, where the event allows printed tickets. */
      qr: z.string().nullable(),
      /** The holder's key to the ticket's rotating code (see orders.byId). */
      rotatingKey: z.object({ credential: z.string(), secretKey: z.string() }).nullable(),
    }),
  ),
});

export const transfersListOutput = z.object({
  incoming: z.array(transferOutput),
  outgoing: z.array(transferOutput),
});
