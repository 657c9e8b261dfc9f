import { z } from "zod";
import { UUID_PATTERN } from "./constants";
import { text } from "./primitives";
import { idSchema } from "./catalog";
import { layoutVersionSchema } from "./seat-map";

/** The most seats one request may name; the event's per-fan limit is usually lower. */
export const MAX_SEATS_PER_HOLD = 50;

/** Far above any venue's seat count: an index past the layout's seats is refused by the server all the same. */
const MAX_SEAT_INDEX = 10_000_000;

const quantity = z.number().int().min(1).max(MAX_SEATS_PER_HOLD);

export const holdRequest = z.union([
  z.object({
    eventId: idSchema,
    accessPass: text().max(2000).optional(),
    seatIds: z.array(idSchema).min(1, "Pick at least one seat").max(MAX_SEATS_PER_HOLD),
  }),
  /**
   * Seats by their index in the event's layout (GET /api/events/:id/layout), for clients that never load the
   * seat ids; `layoutVersion` names the layout the indices point into (a stale one is refused with LAYOUT_CHANGED).
   */
  z.object({
    eventId: idSchema,
    accessPass: text().max(2000).optional(),
    layoutVersion: layoutVersionSchema,
    seatIndexes: z
      .array(z.number().int().min(0).max(MAX_SEAT_INDEX))
      .min(1, "Pick at least one seat")
      .max(MAX_SEATS_PER_HOLD),
  }),
  z.object({
    eventId: idSchema,
    accessPass: text().max(2000).optional(),
    sections: z.array(z.object({ sectionId: idSchema, quantity })).min(1).max(20),
  }),
  z.object({
    eventId: idSchema,
    accessPass: text().max(2000).optional(),
    best: z.object({ quantity, sectionId: idSchema.optional(), tierId: idSchema.optional() }),
  }),
]);
export type HoldRequest = z.output<typeof holdRequest>;

/** Hold ids are `<eventId>.<uuid>`. */
export const holdIdSchema = z
  .string()
  .max(73)
  .refine((id) => {
    const [eventId = "", holdUuid = "", ...rest] = id.split(".");
    return rest.length === 0 && UUID_PATTERN.test(eventId) && UUID_PATTERN.test(holdUuid);
  }, "Not a valid hold id");

export const holdIdInput = z.object({ holdId: holdIdSchema });
export const seatMapInput = z.object({ eventId: idSchema });
/** A seat change's sequence number as the client saw it (tRPC's tracked id): a non-negative integer. */
export const lastEventIdSchema = z
  .string()
  .max(16)
  .regex(/^(0|[1-9][0-9]*)$/, "lastEventId must be a non-negative integer")
  .refine((value) => Number.isSafeInteger(Number(value)), "lastEventId is too large");
export const seatChangesInput = z.object({ eventId: idSchema, lastEventId: lastEventIdSchema.optional() });

export const myHoldsInput = z.object({ eventId: idSchema.optional() }).optional();
