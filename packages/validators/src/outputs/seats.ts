import { z } from "zod";
import { drawnSectionFields, priceTierOutput, seatPlaceFields, seatStatusOutput } from "./shared";

export const seatMapOutput = z.object({
  eventId: z.string(),
  seq: z.number(),
  venue: z.object({
    id: z.string(),
    name: z.string(),
    width: z.number(),
    height: z.number(),
    stage: z.string(),
  }),
  tiers: z.array(priceTierOutput),
  sections: z.array(z.object({ ...drawnSectionFields, available: z.number(), tierId: z.string() })),
  seats: z.array(
    z.object({
      id: z.string(),
      sectionId: z.string(),
      ...seatPlaceFields,
      tierId: z.string(),
      status: seatStatusOutput,
      mine: z.boolean(),
    }),
  ),
});

/**
 * One message of seats.onChange: each seat's or section's latest state since the last message. Strict, as every
 * yielded message is: they are checked in place, not copied (one message is shared by all of a tick's watchers).
 */
export const seatChangeMessageOutput = z.strictObject({
  seq: z.number(),
  version: z.string().optional(),
  changes: z.array(
    z.union([
      z.strictObject({ seatId: z.string(), status: seatStatusOutput, index: z.number().optional() }),
      z.strictObject({ sectionId: z.string(), available: z.number() }),
    ]),
  ),
  refetch: z.literal(true).optional(),
});
