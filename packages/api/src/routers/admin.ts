import {
  addVenueSections,
  blockSeats,
  cancelAnyOrder,
  getAdminEvent,
  listAdminEvents,
  updateEvent,
  changeEventStatus,
  createEvent,
  createVenue,
  getAdminVenue,
  getEventDashboard,
  listAdminVenues,
  listAuditLog,
  listEventOrders,
  previewVenue,
  removeSeats,
  removeVenueSection,
  resizeGeneralAdmission,
  setSeatAttributes,
  setUserRole,
  updateAdmission,
  updateVenue,
  watchEventDashboard,
} from "@frontrow/core";
import {
  addSectionsInput,
  adminEventsListInput,
  adminOrdersListInput,
  auditLogInput,
  blockSeatsInput,
  eventUpdateInput,
  changeEventStatusInput,
  eventByIdInput,
  eventSpec,
  orderIdInput,
  removeSeatsInput,
  removeSectionInput,
  resizeSectionInput,
  seatAttributesInput,
  setUserRoleInput,
  updateAdmissionInput,
  updateVenueInput,
  venueByIdInput,
  venueSpec,
} from "@frontrow/validators";
import {
  addSectionsOutput,
  adminEventOutput,
  adminEventsListOutput,
  adminOrdersListOutput,
  adminVenueOutput,
  adminVenuesListOutput,
  auditLogOutput,
  blockSeatsOutput,
  changeEventStatusOutput,
  createEventOutput,
  createVenueOutput,
  eventDashboardOutput,
  eventIdOutput,
  orderOutput,
  removeSeatsOutput,
  userRoleOutput,
  removeSectionOutput,
  resizeSectionOutput,
  seatAttributesOutput,
  updateAdmissionOutput,
  updateVenueOutput,
  venuePreviewOutput,
} from "@frontrow/validators/outputs";
import type { TRPCRouterRecord } from "@trpc/server";
import { whenEventExists } from "../known-event";
import { eachYield } from "../output-checks";
import { adminProcedure, auditActor } from "../trpc";

export const adminRouter = {
  events: {
    /** Every event in any status, in start order, with its sales. */
    list: adminProcedure
      .input(adminEventsListInput)
      .output(adminEventsListOutput)
      .query(({ ctx, input }) => listAdminEvents(ctx.deps, input ?? {})),
    /** The event as the edit form needs it: settings, tiers with their sections and seat ranges, tickets sold. */
    byId: adminProcedure
      .input(eventByIdInput)
      .output(adminEventOutput)
      .query(({ ctx, input }) => getAdminEvent(ctx.deps, input)),
    update: adminProcedure
      .input(eventUpdateInput)
      .output(eventIdOutput)
      .mutation(({ ctx, input }) => updateEvent(ctx.deps, { ...input, ...auditActor(ctx) })),
    /** Takes seats off sale (only those free right now; the rest are named in `refusedSeatIds`) or puts them back. */
    blockSeats: adminProcedure
      .input(blockSeatsInput)
      .output(blockSeatsOutput)
      .mutation(({ ctx, input }) => blockSeats(ctx.deps, { ...input, ...auditActor(ctx) })),
    create: adminProcedure
      .input(eventSpec)
      .output(createEventOutput)
      .mutation(({ ctx, input }) => createEvent(ctx.deps, { spec: input, ...auditActor(ctx) })),
    setStatus: adminProcedure
      .input(changeEventStatusInput)
      .output(changeEventStatusOutput)
      .mutation(({ ctx, input }) => changeEventStatus(ctx.deps, { ...input, ...auditActor(ctx) })),
    dashboard: adminProcedure
      .input(eventByIdInput)
      .output(eventDashboardOutput)
      .query(({ ctx, input }) => getEventDashboard(ctx.deps, input)),
    updateAdmission: adminProcedure
      .input(updateAdmissionInput)
      .output(updateAdmissionOutput)
      .mutation(({ ctx, input }) => updateAdmission(ctx.deps, { ...input, ...auditActor(ctx) })),
    /**
     * The dashboard at once, then whenever sales, holds, the waiting room or the organizer's settings change, on any
     * instance (a few times a second at most).
     */
    onDashboard: adminProcedure
      .input(eventByIdInput)
      .output(eachYield(eventDashboardOutput))
      .subscription(({ ctx, input, signal }) =>
        whenEventExists(ctx.deps, input.eventId, () =>
          watchEventDashboard(ctx.deps, { eventId: input.eventId, signal }),
        ),
      ),
  },
  orders: {
    /** An event's orders, newest first (50 unless `limit`), or those matching `q` (short code, fan name or email). */
    list: adminProcedure
      .input(adminOrdersListInput)
      .output(adminOrdersListOutput)
      .query(({ ctx, input }) => listEventOrders(ctx.deps, input)),
    /** Cancels and fully refunds any order, whatever the event's refund policy lets fans do themselves. */
    cancel: adminProcedure
      .input(orderIdInput)
      .output(orderOutput)
      .mutation(({ ctx, input }) => cancelAnyOrder(ctx.deps, { orderId: input.orderId, ...auditActor(ctx) })),
  },
  venues: {
    list: adminProcedure.output(adminVenuesListOutput).query(({ ctx }) => listAdminVenues(ctx.deps)),
    /** The venue with every section and seat (ids, marks, blocked), for the layout editor. */
    byId: adminProcedure
      .input(venueByIdInput)
      .output(adminVenueOutput)
      .query(({ ctx, input }) => getAdminVenue(ctx.deps, input)),
    update: adminProcedure
      .input(updateVenueInput)
      .output(updateVenueOutput)
      .mutation(({ ctx, input }) => updateVenue(ctx.deps, { ...input, ...auditActor(ctx) })),
    /** New sections also join every event on the venue that is not ended or cancelled, at its first price tier. */
    addSections: adminProcedure
      .input(addSectionsInput)
      .output(addSectionsOutput)
      .mutation(({ ctx, input }) => addVenueSections(ctx.deps, { ...input, ...auditActor(ctx) })),
    removeSection: adminProcedure
      .input(removeSectionInput)
      .output(removeSectionOutput)
      .mutation(({ ctx, input }) => removeVenueSection(ctx.deps, { ...input, ...auditActor(ctx) })),
    /** The generated layout, drawn exactly as fans will see it, without saving. */
    preview: adminProcedure
      .input(venueSpec)
      .output(venuePreviewOutput)
      .mutation(({ input }) => previewVenue(input)),
    create: adminProcedure
      .input(venueSpec)
      .output(createVenueOutput)
      .mutation(({ ctx, input }) => createVenue(ctx.deps, { spec: input, ...auditActor(ctx) })),
    removeSeats: adminProcedure
      .input(removeSeatsInput)
      .output(removeSeatsOutput)
      .mutation(({ ctx, input }) => removeSeats(ctx.deps, { ...input, ...auditActor(ctx) })),
    resizeSection: adminProcedure
      .input(resizeSectionInput)
      .output(resizeSectionOutput)
      .mutation(({ ctx, input }) => resizeGeneralAdmission(ctx.deps, { ...input, ...auditActor(ctx) })),
    setSeatAttributes: adminProcedure
      .input(seatAttributesInput)
      .output(seatAttributesOutput)
      .mutation(({ ctx, input }) => setSeatAttributes(ctx.deps, { ...input, ...auditActor(ctx) })),
  },
  users: {
    /** Makes an account a door scanner, or a fan again, by its email. */
    setRole: adminProcedure
      .input(setUserRoleInput)
      .output(userRoleOutput)
      .mutation(({ ctx, input }) => setUserRole(ctx.deps, { ...input, ...auditActor(ctx) })),
  },
  audit: {
    list: adminProcedure
      .input(auditLogInput)
      .output(auditLogOutput)
      .query(({ ctx, input }) => listAuditLog(ctx.deps, input ?? {})),
  },
} satisfies TRPCRouterRecord;
