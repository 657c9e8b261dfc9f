import { z } from "zod";

export const admitTicketOutput = z.object({
  ticketId: z.string(),
  /** `rotating`: the live code of the fan's ticket page; `printed`: the static code of the PDF. */
  kind: z.enum(["rotating", "printed"]),
  code: z.string(),
  seat: z.string(),
  tierName: z.string(),
  admittedAt: z.date(),
});

export const scannerSetupOutput = z.object({
  /** The server's Ed25519 public key, raw 32 bytes in base64url: all a scanner needs to check codes offline. */
  publicKey: z.string(),
  events: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      startsAt: z.date(),
      venueName: z.string(),
      timezone: z.string(),
      allowPrintedTickets: z.boolean(),
    }),
  ),
});

export const userRoleOutput = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(["fan", "admin", "scanner"]),
});
