import { z } from "zod";
import type { HoldPrice } from "../hold-price";

/** What a hold costs, priced by the server (hold-price.ts). */
const holdPriceOutput = z.object({
  lines: z.array(
    z.object({
      key: z.string(),
      seatId: z.string().nullable(),
      sectionId: z.string(),
      tierId: z.string(),
      label: z.string(),
      tierName: z.string(),
      attributes: z.array(z.string()),
      quantity: z.number(),
      unitCents: z.number(),
    }),
  ),
  tickets: z.number(),
  subtotalCents: z.number(),
  feesCents: z.number(),
  totalCents: z.number(),
  currency: z.string(),
}) satisfies z.ZodType<HoldPrice>;

const holdFields = {
  holdId: z.string(),
  eventId: z.string(),
  seatIds: z.array(z.string()),
  seatIndexes: z.array(z.number()),
  layoutVersion: z.string(),
  sections: z.array(z.object({ sectionId: z.string(), quantity: z.number() })),
  expiresAt: z.date(),
  price: holdPriceOutput,
};

/** holds.create's answer; on the on-sale's hot path, so kinds only (see outputs/shared.ts). */
export const holdOutput = z.object({ ...holdFields, seq: z.number() });

export const myHoldsOutput = z.array(z.object({ ...holdFields, status: z.enum(["active", "checkout"]) }));
