import { z } from "zod";
import { idSchema } from "./catalog";

/**
 * The seat map in two parts (GET /api/events/:id/layout, /seat-ids and /status; see docs/api.md).
 *
 * The layout is what never changes during a sale: seats in a fixed order (section, row, number, id), with their
 * place and marks as parallel arrays. It is versioned (`version`) and immutable for a version, so the browser
 * caches it. Seat ids (random UUIDs, incompressible) come in their own immutable resource, in the same order.
 * The status says which seats are not available, as indices into that order, consistent with change `seq`.
 */

/** A layout version: the venue's layout version and the event's last organizer change. */
export const layoutVersionSchema = z.string().regex(/^\d{1,9}-\d{1,15}$/, "Not a layout version");

export const layoutRequest = z.object({ eventId: idSchema, v: layoutVersionSchema.optional() });
export const statusRequest = z.object({
  eventId: idSchema,
  /** The caller's last known change sequence: the status returned is at least this recent. */
  after: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
});

const intArray = z.array(z.number().int());

export const seatLayoutSchema = z.object({
  eventId: idSchema,
  version: layoutVersionSchema,
  venue: z.object({
    id: idSchema,
    name: z.string(),
    width: z.number(),
    height: z.number(),
    stage: z.string(),
  }),
  tiers: z.array(
    z.object({ id: idSchema, name: z.string(), priceCents: z.number().int(), color: z.string() }),
  ),
  sections: z.array(
    z.object({
      id: idSchema,
      name: z.string(),
      kind: z.enum(["reserved", "general_admission"]),
      capacity: z.number().int(),
      tierId: idSchema,
      outline: z.string(),
      labelX: z.number(),
      labelY: z.number(),
    }),
  ),
  /** Row names; `seats.row` points into it. */
  rows: z.array(z.string()),
  /** One entry per seat, in layout order. */
  seats: z.object({
    section: intArray,
    row: intArray,
    number: intArray,
    /** Positions in hundredths of a map unit. */
    x: intArray,
    y: intArray,
    tier: intArray,
    /** FLAG_ACCESSIBLE | FLAG_COMPANION | FLAG_RESTRICTED. */
    flags: intArray,
  }),
});
export type SeatLayoutPayload = z.infer<typeof seatLayoutSchema>;

export const seatIdsSchema = z.object({
  eventId: idSchema,
  version: layoutVersionSchema,
  ids: z.array(idSchema),
});
export type SeatIdsPayload = z.infer<typeof seatIdsSchema>;

/** Sorted seat indices as gaps: the first index, then the distance from each to the next (small, compressible). */
export const indexGapsSchema = z.array(z.number().int().min(0));

export const seatStatusSchema = z.object({
  eventId: idSchema,
  /** The layout the indices point into. */
  version: layoutVersionSchema,
  seq: z.number().int().min(0),
  held: indexGapsSchema,
  sold: indexGapsSchema,
  blocked: indexGapsSchema,
  /** Seats on sale again from fans' resale listings, at face value (free to hold). Absent from older servers. */
  resale: indexGapsSchema.optional(),
  /** What is left in each general-admission section: [section index, places]. */
  generalAdmission: z.array(z.tuple([z.number().int().min(0), z.number().int().min(0)])),
});
export type SeatStatusPayload = z.infer<typeof seatStatusSchema>;
