import { z } from "zod";
import { eventCategories } from "../constants";
import { adminEventStatuses } from "../admin";

/**
 * Output schemas check what the server sends against the API's contract, on every call: they check shapes and
 * kinds, not the rules input schemas enforce (the data came from our own database), so they stay cheap.
 */

export const okOutput = z.object({ ok: z.literal(true) });

export const eventCategoryOutput = z.enum(eventCategories);
export const eventLifecycleStatusOutput = z.enum(adminEventStatuses);
export const eventDisplayStatusOutput = z.enum([
  "scheduled",
  "on_sale",
  "paused",
  "sold_out",
  "ended",
  "cancelled",
]);
export const sectionKindOutput = z.enum(["reserved", "general_admission"]);
/** "resale": on sale again from a fan's resale listing, at face value (free to hold, like "available"). */
export const seatStatusOutput = z.enum(["available", "held", "sold", "blocked", "resale"]);

export const venueRefOutput = z.object({
  id: z.string(),
  name: z.string(),
  city: z.string(),
  timezone: z.string(),
});

export const waitingRoomSettingsOutput = z.object({
  preQueueOpensAt: z.date().nullable(),
  admitRatePerMinute: z.number(),
  maxActiveShoppers: z.number(),
  shoppingWindowSeconds: z.number(),
});

export const refundPolicyOutput = z.object({
  selfCancel: z.boolean(),
  cancelUntil: z.date().nullable(),
  feesRefundable: z.boolean(),
});

export const priceTierOutput = z.object({
  id: z.string(),
  name: z.string(),
  priceCents: z.number(),
  color: z.string(),
});

/** The waiting room's numbers, for the organizer (queue.stats and the dashboard). */
export const queueStatsOutput = z.object({
  started: z.boolean(),
  preQueue: z.number(),
  waiting: z.number(),
  admitted: z.number(),
  activeShoppers: z.number(),
  head: z.number(),
  admitRatePerMinute: z.number(),
  maxActiveShoppers: z.number(),
  shoppingWindowSeconds: z.number(),
});

/** A section as drawn on a venue's map. */
export const drawnSectionFields = {
  id: z.string(),
  name: z.string(),
  kind: sectionKindOutput,
  capacity: z.number(),
  outline: z.string(),
  labelX: z.number(),
  labelY: z.number(),
};

/** A seat's place on the map and its marks. */
export const seatPlaceFields = {
  row: z.string(),
  number: z.number(),
  x: z.number(),
  y: z.number(),
  accessible: z.boolean(),
  companion: z.boolean(),
  restrictedView: z.boolean(),
};
