import { z } from "zod";

const holdFields = {
  holdId: z.string(),
  eventId: z.string(),
  seatIds: z.array(z.string()),
  seatIndexes: z.array(z.number()),
  layoutVersion: z.string(),
  sections: z.array(z.object({ sectionId: z.string(), quantity: z.number() })),
  expiresAt: z.date(),
};

/** holds.create's answer; on the on-sale's hot path, so kinds only (see outputs/shared.ts). */
export const holdOutput = z.object({ ...holdFields, seq: z.number() });

export const myHoldsOutput = z.array(z.object({ ...holdFields, status: z.enum(["active", "checkout"]) }));
