import {
  changeEventStatus,
  createEvent,
  createVenue,
  getEventDashboard,
  listAuditLog,
  previewVenue,
  removeSeats,
  resizeGeneralAdmission,
  setSeatAttributes,
  updateAdmission,
} from "@frontrow/core";
import {
  auditLogInput,
  changeEventStatusInput,
  eventByIdInput,
  eventSpec,
  removeSeatsInput,
  resizeSectionInput,
  seatAttributesInput,
  updateAdmissionInput,
  venueSpec,
} from "@frontrow/validators";
import type { TRPCRouterRecord } from "@trpc/server";
import { adminProcedure } from "../trpc";

export const adminRouter = {
  events: {
    create: adminProcedure
      .input(eventSpec)
      .mutation(({ ctx, input }) => createEvent(ctx.deps, { spec: input, actorId: ctx.user.id, requestId: ctx.requestId })),
    setStatus: adminProcedure
      .input(changeEventStatusInput)
      .mutation(({ ctx, input }) =>
        changeEventStatus(ctx.deps, { ...input, actorId: ctx.user.id, requestId: ctx.requestId }),
      ),
    dashboard: adminProcedure.input(eventByIdInput).query(({ ctx, input }) => getEventDashboard(ctx.deps, input)),
    updateAdmission: adminProcedure
      .input(updateAdmissionInput)
      .mutation(({ ctx, input }) => updateAdmission(ctx.deps, { ...input, actorId: ctx.user.id, requestId: ctx.requestId })),
  },
  venues: {
    /** The generated layout, drawn exactly as fans will see it, without saving. */
    preview: adminProcedure.input(venueSpec).mutation(({ input }) => previewVenue(input)),
    create: adminProcedure
      .input(venueSpec)
      .mutation(({ ctx, input }) => createVenue(ctx.deps, { spec: input, actorId: ctx.user.id, requestId: ctx.requestId })),
    removeSeats: adminProcedure
      .input(removeSeatsInput)
      .mutation(({ ctx, input }) => removeSeats(ctx.deps, { ...input, actorId: ctx.user.id, requestId: ctx.requestId })),
    resizeSection: adminProcedure
      .input(resizeSectionInput)
      .mutation(({ ctx, input }) =>
        resizeGeneralAdmission(ctx.deps, { ...input, actorId: ctx.user.id, requestId: ctx.requestId }),
      ),
    setSeatAttributes: adminProcedure
      .input(seatAttributesInput)
      .mutation(({ ctx, input }) => setSeatAttributes(ctx.deps, { ...input, actorId: ctx.user.id, requestId: ctx.requestId })),
  },
  audit: {
    list: adminProcedure.input(auditLogInput).query(({ ctx, input }) => listAuditLog(ctx.deps, input ?? {})),
  },
} satisfies TRPCRouterRecord;
