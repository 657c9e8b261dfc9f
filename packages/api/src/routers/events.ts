import { getEvent, listEvents, watchEventUpdates } from "@frontrow/core";
import { eventByIdInput, eventsListInput } from "@frontrow/validators";
import { eventDetailsOutput, eventsListOutput, eventUpdateOutput } from "@frontrow/validators/outputs";
import type { TRPCRouterRecord } from "@trpc/server";
import { eachYield } from "../output-checks";
import { publicProcedure } from "../trpc";

export const eventsRouter = {
  list: publicProcedure
    .input(eventsListInput)
    .output(eventsListOutput)
    .query(({ ctx, input }) => listEvents(ctx.deps, input)),
  byId: publicProcedure
    .input(eventByIdInput)
    .output(eventDetailsOutput)
    .query(({ ctx, input }) => getEvent(ctx.deps, input)),
  /** `{ eventId, reason, at }` whenever an organizer changes what fans of the event see. */
  onUpdate: publicProcedure
    .input(eventByIdInput)
    .output(eachYield(eventUpdateOutput))
    .subscription(async ({ ctx, input, signal }) => {
      // Checked before the stream starts, so an unknown event is refused as NOT_FOUND like any other call.
      await ctx.deps.layouts.get(input.eventId);
      return watchEventUpdates(ctx.deps, { eventId: input.eventId, signal });
    }),
} satisfies TRPCRouterRecord;
