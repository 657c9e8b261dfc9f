import { z } from "zod";
import { priceTierOutput, sectionKindOutput, seatStatusOutput } from "./shared";

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
  sections: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      kind: sectionKindOutput,
      capacity: z.number(),
      available: z.number(),
      tierId: z.string(),
      outline: z.string(),
      labelX: z.number(),
      labelY: z.number(),
    }),
  ),
  seats: z.array(
    z.object({
      id: z.string(),
      sectionId: z.string(),
      row: z.string(),
      number: z.number(),
      x: z.number(),
      y: z.number(),
      tierId: z.string(),
      accessible: z.boolean(),
      companion: z.boolean(),
      restrictedView: z.boolean(),
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
