import { getEvent, listEvents, watchEventUpdates } from "@frontrow/core";
import { eventByIdInput, eventsListInput } from "@frontrow/validators";
import { eventDetailsOutput, eventsListOutput, eventUpdateOutput } from "@frontrow/validators/outputs";
import type { TRPCRouterRecord } from "@trpc/server";
import { whenEventExists } from "../known-event";
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
    .subscription(({ ctx, input, signal }) =>
      whenEventExists(ctx.deps, input.eventId, () =>
        watchEventUpdates(ctx.deps, { eventId: input.eventId, signal }),
      ),
    ),
} satisfies TRPCRouterRecord;
