import { z } from "zod";
import {
  drawnSectionFields,
  eventCategoryOutput,
  eventDisplayStatusOutput,
  priceTierOutput,
  refundPolicyOutput,
  sectionKindOutput,
  venueRefOutput,
  waitingRoomSettingsOutput,
} from "./shared";

const eventSummaryFields = {
  id: z.string(),
  name: z.string(),
  performer: z.string(),
  category: eventCategoryOutput,
  imageUrl: z.string().nullable(),
  startsAt: z.date(),
  onSaleAt: z.date(),
  salesEndAt: z.date().nullable(),
  currency: z.string(),
  waitingRoom: z.boolean(),
  capacity: z.number(),
  available: z.number(),
  minPriceCents: z.number().nullable(),
  status: eventDisplayStatusOutput,
};

export const eventsListOutput = z.object({
  items: z.array(z.object({ ...eventSummaryFields, venue: venueRefOutput })),
  nextCursor: z.string().nullable(),
});

export const eventDetailsOutput = z.object({
  ...eventSummaryFields,
  description: z.string(),
  doorsAt: z.date().nullable(),
  perFanLimit: z.number(),
  holdSeconds: z.number(),
  feeCents: z.number(),
  venue: venueRefOutput.extend({ address: z.string() }),
  refundPolicy: refundPolicyOutput,
  /** The event takes a waiting list once it is sold out (see waitingList.join). */
  waitingList: z.object({ offerMinutes: z.number() }).nullable(),
  waitingRoomSettings: waitingRoomSettingsOutput.nullable(),
  priceTiers: z.array(priceTierOutput),
  sections: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      kind: sectionKindOutput,
      capacity: z.number(),
      available: z.number(),
      tierId: z.string(),
      priceCents: z.number(),
    }),
  ),
});

/** One message of events.onUpdate: what an organizer's change touched (strict: checked in place, not copied). */
export const eventUpdateOutput = z.strictObject({
  eventId: z.string(),
  reason: z.enum(["status", "details", "prices", "inventory", "admission"]),
  at: z.date(),
});

export const venuesListOutput = z.array(
  z.object({
    id: z.string(),
    name: z.string(),
    city: z.string(),
    sectionCount: z.number(),
    seatCount: z.number(),
  }),
);

export const venueDetailsOutput = z.object({
  id: z.string(),
  name: z.string(),
  city: z.string(),
  country: z.string(),
  address: z.string(),
  timezone: z.string(),
  width: z.number(),
  height: z.number(),
  stage: z.string(),
  layoutVersion: z.number(),
  createdAt: z.date(),
  sections: z.array(z.object(drawnSectionFields)),
});
