import { z } from "zod";
import { dateInput, text, timeZoneSchema } from "./primitives";
import { idSchema } from "./catalog";

export const eventStatusActions = ["put_on_sale", "pause", "resume", "end", "cancel"] as const;

export const changeEventStatusInput = z.object({ eventId: idSchema, action: z.enum(eventStatusActions) });

export const updateAdmissionInput = z
  .object({
    eventId: idSchema,
    admitRatePerMinute: z.number().int().min(1, "Admit at least one fan a minute").max(100_000).optional(),
    paused: z.boolean().optional(),
  })
  .refine((input) => input.admitRatePerMinute !== undefined || input.paused !== undefined, {
    message: "Change the rate or pause/resume admission",
  });

export const auditLogInput = z
  .object({
    subjectId: idSchema.optional(),
    limit: z.number().int().min(1).max(500).optional(),
    /** Load more: the entries after this one (the id of the last entry shown), older ones. */
    cursor: idSchema.optional(),
  })
  .optional();

const point = z.object({ x: z.number().min(0).max(10_000), y: z.number().min(0).max(10_000) });

const reservedSection = z
  .object({
    kind: z.literal("reserved"),
    name: text().trim().min(1).max(40),
    /** straight: parallel rows; angled: rows widen going back; curved: rows follow an arc around `center`. */
    shape: z.enum(["straight", "angled", "curved"]),
    rows: z.number().int().min(1).max(100),
    seatsPerRow: z.number().int().min(1).max(200),
    /** Straight and angled: centre of the front row, and the direction the seats face (degrees clockwise from east). */
    origin: point.optional(),
    facingDegrees: z.number().min(-360).max(360).optional(),
    /** Angled: seats added per row going back. */
    extraSeatsPerRow: z.number().min(0).max(10).optional(),
    /** Curved: the point the rows face, the front row's distance from it, and the arc (degrees clockwise from east). */
    center: point.optional(),
    radius: z.number().min(1).max(5_000).optional(),
    startDegrees: z.number().min(-720).max(720).optional(),
    endDegrees: z.number().min(-720).max(720).optional(),
    rowLabels: z.enum(["letters", "numbers"]).default("letters"),
    numbering: z.enum(["left_to_right", "right_to_left"]).default("left_to_right"),
    /** Aisles: a gap after these seat numbers (counted in the numbering direction). */
    aisleAfterSeats: z.array(z.number().int().min(1).max(199)).max(20).default([]),
  })
  .superRefine((section, ctx) => {
    if (section.shape === "curved") {
      if (!section.center || section.radius === undefined || section.startDegrees === undefined || section.endDegrees === undefined) {
        ctx.addIssue({ code: "custom", message: "A curved section needs a center, radius and start and end angles" });
      } else if (section.endDegrees <= section.startDegrees) {
        ctx.addIssue({ code: "custom", message: "The end angle must be after the start angle", path: ["endDegrees"] });
      }
    } else if (!section.origin || section.facingDegrees === undefined) {
      ctx.addIssue({ code: "custom", message: "A straight or angled section needs an origin and a facing direction" });
    }
  });

const generalAdmissionSection = z.object({
  kind: z.literal("general_admission"),
  name: text().trim().min(1).max(40),
  capacity: z.number().int().min(1).max(100_000),
  /** The standing area's rectangle, inside the venue's plan (at most 10,000 units a side). */
  area: z.object({
    x: z.number().min(0).max(10_000),
    y: z.number().min(0).max(10_000),
    width: z.number().positive().max(10_000),
    height: z.number().positive().max(10_000),
  }),
});

export const sectionSpec = z.discriminatedUnion("kind", [reservedSection, generalAdmissionSection]);
export type SectionSpec = z.output<typeof sectionSpec>;

export const venueSpec = z.object({
  name: text().trim().min(1, "Name the venue").max(120),
  city: text().trim().min(1, "Enter the city").max(120),
  address: text().trim().max(300).default(""),
  timezone: timeZoneSchema.default("America/New_York"),
  width: z.number().positive().max(10_000),
  height: z.number().positive().max(10_000),
  stage: text().max(5_000).default(""),
  sections: z.array(sectionSpec).min(1, "Add at least one section").max(300),
});
export type VenueSpec = z.output<typeof venueSpec>;

/** An event's times in order: the on-sale before the show, and the doors not after it. */
function checkEventTimes(
  spec: { startsAt: Date; doorsAt?: Date | undefined; onSaleAt: Date; selfCancelUntil?: Date | undefined },
  ctx: z.RefinementCtx,
) {
  if (spec.selfCancelUntil && spec.selfCancelUntil > spec.startsAt) {
    ctx.addIssue({ code: "custom", message: "Fans' cancellations must end by the show", path: ["selfCancelUntil"] });
  }
  if (spec.onSaleAt >= spec.startsAt) {
    ctx.addIssue({ code: "custom", message: "The on-sale must be before the show", path: ["onSaleAt"] });
  }
  if (spec.doorsAt && spec.doorsAt > spec.startsAt) {
    ctx.addIssue({ code: "custom", message: "The doors must open before the show starts", path: ["doorsAt"] });
  }
}

const hexColor = z.string().regex(/^#[0-9a-f]{6}$/i, "A colour like #2563eb");

export const eventSpec = z
  .object({
    venueId: idSchema,
    name: text().trim().min(1, "Name the event").max(160),
    performer: text().trim().min(1, "Who performs?").max(160),
    category: z.enum(["concert", "sports", "theatre", "comedy", "family", "festival"]),
    description: text().trim().max(5_000).default(""),
    imageUrl: z.url().max(1_000).optional(),
    startsAt: dateInput(),
    doorsAt: dateInput().optional(),
    onSaleAt: dateInput(),
    perFanLimit: z.number().int().min(1).max(50).default(8),
    holdSeconds: z.number().int().min(5).max(3_600).default(600),
    feeCents: z.number().int().min(0).max(100_000).default(0),
    /** Joining the waiting room needs a proof-of-work solved by the fan's browser (unseen; slows scripts down). */
    highDemand: z.boolean().default(false),
    /** Tickets held at once from one network address across all its fans (bots share an address). */
    heldSeatsPerIp: z
      .number()
      .int("A whole number of tickets")
      .min(1, "At least 1 ticket per network")
      .max(1_000, "At most 1,000 tickets per network")
      .default(12),
    /** Hand-picked holds may not leave one seat alone between taken seats (unless the fan cannot avoid it). */
    singleSeatRule: z.boolean().default(true),
    /** Refund policy: fans may cancel their own orders, until `selfCancelUntil` if set (else until the show). */
    selfCancel: z.boolean().default(true),
    selfCancelUntil: dateInput().optional(),
    /** Refund policy: a cancellation refunds the booking fees as well as the tickets. */
    feesRefundable: z.boolean().default(true),
    /** Fans may send their tickets to another account (ticket transfer). */
    transfersAllowed: z.boolean().default(true),
    /** Transfers close this many hours before the show (0: when it starts). */
    transferCutoffHours: z
      .number()
      .int("A whole number of hours")
      .min(0, "Not before 0 hours")
      .max(8_760, "At most 8,760 hours (a year)")
      .default(0),
    /** The PDF carries a static QR code the door accepts; off, only the rotating code of the ticket page gets in. */
    allowPrintedTickets: z.boolean().default(true),
    /** Fans may join a waiting list once the event is sold out; returned seats are offered to them in turn. */
    /** Fans may sell tickets at face value to other fans (resale), until the show starts. */
    resaleAllowed: z.boolean().default(true),
    /** A resold ticket's seller gets its booking fee back as well as its price. */
    resaleFeesRefunded: z.boolean().default(true),
    waitingListEnabled: z.boolean().default(false),
    /** How long a fan offered seats from the waiting list has to pay, in minutes. */
    waitingListOfferMinutes: z
      .number()
      .int("A whole number of minutes")
      .min(1, "At least 1 minute to pay")
      .max(1_440, "At most 1,440 minutes (a day) to pay")
      .default(15),
    waitingRoom: z
      .object({
        preQueueOpensAt: dateInput().optional(),
        admitRatePerMinute: z.number().int().min(1).max(100_000).default(600),
        maxActiveShoppers: z.number().int().min(1).max(1_000_000).default(1_000),
        shoppingWindowSeconds: z.number().int().min(60).max(7_200).default(600),
      })
      .optional(),
    /** Price tiers; each names the sections it prices and, optionally, seat ranges inside other sections. */
    tiers: z
      .array(
        z.object({
          name: text().trim().min(1).max(60),
          priceCents: z.number().int().min(0).max(10_000_000),
          color: hexColor,
          sectionIds: z.array(idSchema).default([]),
          seatRanges: z
            .array(z.object({ sectionId: idSchema, row: text().min(1).max(10), from: z.number().int().min(1).max(100_000), to: z.number().int().min(1).max(100_000) }))
            .default([]),
        }),
      )
      .min(1, "Add at least one price tier")
      .max(20),
  })
  .superRefine(checkEventTimes);
export type EventSpec = z.output<typeof eventSpec>;

export const removeSeatsInput = z.object({ venueId: idSchema, seatIds: z.array(idSchema).min(1).max(5_000) });

export const resizeSectionInput = z.object({ sectionId: idSchema, capacity: z.number().int().min(0).max(100_000) });

export const seatAttributesInput = z
  .object({
    venueId: idSchema,
    seatIds: z.array(idSchema).min(1).max(5_000),
    accessible: z.boolean().optional(),
    companion: z.boolean().optional(),
    restrictedView: z.boolean().optional(),
    /** Not for sale in any event of this venue: applied to its scheduled, on-sale and paused events too. */
    blocked: z.boolean().optional(),
  })
  .refine(
    (input) =>
      input.accessible !== undefined || input.companion !== undefined || input.restrictedView !== undefined || input.blocked !== undefined,
    { message: "Choose an attribute to set" },
  );

export const adminEventStatuses = ["scheduled", "on_sale", "paused", "ended", "cancelled"] as const;

export const adminEventsListInput = z
  .object({ q: text().trim().max(200).optional(), status: z.enum(adminEventStatuses).optional() })
  .optional();

const { venueId: _venueId, tiers: eventSpecTiers, ...eventSpecFields } = eventSpec.shape;

/**
 * An organizer's edit of an event: everything the create form sends except the venue, replacing what is there.
 * A tier with an `id` updates that tier; one without is new; existing tiers not sent are removed.
 */
export const eventUpdateInput = z
  .object({
    eventId: idSchema,
    ...eventSpecFields,
    tiers: z
      .array(eventSpecTiers.element.extend({ id: idSchema.optional() }))
      .min(1, "Add at least one price tier")
      .max(20),
  })
  .superRefine(checkEventTimes)
  .refine(
    (input) => {
      const ids = input.tiers.flatMap((tier) => (tier.id ? [tier.id] : []));
      return new Set(ids).size === ids.length;
    },
    { message: "A price tier appears twice", path: ["tiers"] },
  );
export type EventUpdateInput = z.output<typeof eventUpdateInput>;

export const blockSeatsInput = z.object({
  eventId: idSchema,
  seatIds: z.array(idSchema).min(1, "Choose at least one seat").max(5_000),
  blocked: z.boolean(),
});

/** An event's orders for its organizer: the newest, or those whose short code, fan name or email match `q`. */
export const adminOrdersListInput = z.object({
  eventId: idSchema,
  q: text().trim().max(200).optional(),
  limit: z.number().int().min(1).max(200).optional(),
});
