import { z } from "zod";

export const waitingListStatusOutput = z.object({
  entry: z
    .object({
      entryId: z.string(),
      status: z.enum(["waiting", "offered"]),
      quantity: z.number().int(),
      sectionId: z.string().nullable(),
      tierId: z.string().nullable(),
      joinedAt: z.date(),
      position: z.number().int().nullable(),
      offer: z.object({ holdId: z.string(), expiresAt: z.date() }).nullable(),
    })
    .nullable(),
  lastOfferEnded: z.enum(["expired", "left", "purchased"]).nullable(),
  waiting: z.number().int(),
});
