import { z } from "zod";
import {
  eventCategoryOutput,
  eventLifecycleStatusOutput,
  queueStatsOutput,
  drawnSectionFields,
  seatPlaceFields,
  sectionKindOutput,
  venueRefOutput,
  waitingRoomSettingsOutput,
} from "./shared";

export const adminEventsListOutput = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      performer: z.string(),
      category: eventCategoryOutput,
      status: eventLifecycleStatusOutput,
      startsAt: z.date(),
      onSaleAt: z.date(),
      salesEndAt: z.date().nullable(),
      venue: venueRefOutput,
      waitingRoom: z.boolean(),
      capacity: z.number(),
      sold: z.number(),
      revenueCents: z.number(),
    }),
  ),
});

export const adminEventOutput = z.object({
  id: z.string(),
  status: eventLifecycleStatusOutput,
  name: z.string(),
  performer: z.string(),
  category: eventCategoryOutput,
  description: z.string(),
  imageUrl: z.string().nullable(),
  startsAt: z.date(),
  doorsAt: z.date().nullable(),
  onSaleAt: z.date(),
  salesEndAt: z.date().nullable(),
  venue: venueRefOutput,
  perFanLimit: z.number(),
  holdSeconds: z.number(),
  feeCents: z.number(),
  highDemand: z.boolean(),
  heldSeatsPerIp: z.number(),
  singleSeatRule: z.boolean(),
  allowPrintedTickets: z.boolean(),
  selfCancel: z.boolean(),
  selfCancelUntil: z.date().nullable(),
  feesRefundable: z.boolean(),
  transfersAllowed: z.boolean(),
  transferCutoffHours: z.number(),
  resaleAllowed: z.boolean(),
  resaleFeesRefunded: z.boolean(),
  waitingListEnabled: z.boolean(),
  waitingListOfferMinutes: z.number(),
  waitingRoom: waitingRoomSettingsOutput.nullable(),
  fairnessSeedHash: z.string().nullable(),
  tiers: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      priceCents: z.number(),
      color: z.string(),
      sectionIds: z.array(z.string()),
      seatRanges: z.array(
        z.object({ sectionId: z.string(), row: z.string(), from: z.number(), to: z.number() }),
      ),
      ticketsSold: z.number(),
    }),
  ),
  ticketsSold: z.number(),
});

export const eventIdOutput = z.object({ eventId: z.string() });

export const blockSeatsOutput = z.object({ changed: z.number(), refusedSeatIds: z.array(z.string()) });

export const createEventOutput = z.object({
  eventId: z.string(),
  seats: z.number(),
  fairnessSeedHash: z.string().nullable(),
});

export const changeEventStatusOutput = z.object({
  id: z.string(),
  status: eventLifecycleStatusOutput,
  onSaleAt: z.date(),
  refundedOrders: z.number(),
});

/**
 * An event's sales and waiting room as the organizer's dashboard shows them (admin.events.dashboard, and each
 * message of onDashboard, which is checked in place and so strict).
 */
export const eventDashboardOutput = z.strictObject({
  eventId: z.string(),
  status: eventLifecycleStatusOutput,
  currency: z.string(),
  orders: z.number(),
  ticketsSold: z.number(),
  revenueCents: z.number(),
  capacity: z.number(),
  available: z.number(),
  heldNow: z.number(),
  /** The waiting list: fans in line (and the tickets they ask for), offers open now, offers bought or expired. */
  waitingList: z.strictObject({
    enabled: z.boolean(),
    waiting: z.number(),
    waitingTickets: z.number(),
    openOffers: z.number(),
    offeredTickets: z.number(),
    purchased: z.number(),
    expired: z.number(),
  }),
  salesPerMinute: z.array(z.strictObject({ minute: z.date(), tickets: z.number() })),
  waitingRoom: z
    .strictObject({
      ...queueStatsOutput.shape,
      admissionPaused: z.boolean(),
      samples: z.array(
        z.strictObject({
          at: z.date(),
          waiting: z.number(),
          admitted: z.number(),
          activeShoppers: z.number(),
          admitRatePerMinute: z.number(),
          paused: z.boolean(),
        }),
      ),
    })
    .nullable(),
});

export const updateAdmissionOutput = z.object({
  admitRatePerMinute: z.number(),
  admissionPaused: z.boolean(),
});

export const adminOrdersListOutput = z.array(
  z.object({
    id: z.string(),
    code: z.string(),
    places: z.array(z.string()),
    status: z.enum(["confirmed", "cancelled"]),
    totalCents: z.number(),
    refundedCents: z.number().nullable(),
    currency: z.string(),
    createdAt: z.date(),
    cancelledAt: z.date().nullable(),
    fan: z.object({ name: z.string(), email: z.string() }),
  }),
);

const venueFields = {
  id: z.string(),
  name: z.string(),
  city: z.string(),
  address: z.string(),
  timezone: z.string(),
};

export const adminVenuesListOutput = z.array(
  z.object({
    ...venueFields,
    createdAt: z.date(),
    sectionCount: z.number(),
    seatCount: z.number(),
    standingCapacity: z.number(),
    upcomingEvents: z.number(),
  }),
);

export const adminVenueOutput = z.object({
  venue: z.object({
    ...venueFields,
    width: z.number(),
    height: z.number(),
    stage: z.string(),
    layoutVersion: z.number(),
    createdAt: z.date(),
  }),
  sections: z.array(z.object({ ...drawnSectionFields, sortOrder: z.number(), sold: z.number() })),
  seats: z.array(
    z.object({ id: z.string(), sectionId: z.string(), ...seatPlaceFields, blocked: z.boolean() }),
  ),
  events: z.array(
    z.object({ id: z.string(), name: z.string(), status: eventLifecycleStatusOutput, startsAt: z.date() }),
  ),
});

export const updateVenueOutput = z.object(venueFields);

export const addSectionsOutput = z.object({
  sectionIds: z.array(z.string()),
  seatCount: z.number(),
  eventIds: z.array(z.string()),
});

export const removeSectionOutput = z.object({
  sectionId: z.string(),
  removedSeats: z.number(),
  eventIds: z.array(z.string()),
});

export const venuePreviewOutput = z.object({
  name: z.string(),
  city: z.string(),
  address: z.string(),
  timezone: z.string(),
  width: z.number(),
  height: z.number(),
  stage: z.string(),
  seatCount: z.number(),
  sections: z.array(
    z.object({
      name: z.string(),
      kind: sectionKindOutput,
      sortOrder: z.number(),
      outline: z.string(),
      label: z.object({ x: z.number(), y: z.number() }),
      capacity: z.number(),
      seats: z.array(z.object({ ...seatPlaceFields, rowIndex: z.number() })),
    }),
  ),
});

export const createVenueOutput = z.object({
  venueId: z.string(),
  seatCount: z.number(),
  sectionCount: z.number(),
});

export const removeSeatsOutput = z.object({ removed: z.number() });

export const resizeSectionOutput = z.object({ sectionId: z.string(), capacity: z.number() });

export const seatAttributesOutput = z.object({
  updated: z.number(),
  events: z.array(
    z.object({
      eventId: z.string(),
      name: z.string(),
      changed: z.number(),
      refusedSeatIds: z.array(z.string()),
    }),
  ),
});

export const auditLogOutput = z.array(
  z.object({
    id: z.string(),
    action: z.string(),
    subjectType: z.string(),
    subjectId: z.string(),
    subjectName: z.string().nullable(),
    details: z.unknown(),
    createdAt: z.date(),
    actor: z.object({ id: z.string(), name: z.string(), email: z.string() }),
  }),
);
