import { getSeatMap, watchSeatChanges } from "@frontrow/core";
import { seatChangesInput, seatMapInput } from "@frontrow/validators";
import { tracked, type TRPCRouterRecord } from "@trpc/server";
import { encodeOnce } from "../shared-encoding";
import { publicProcedure } from "../trpc";

export const seatsRouter = {
  map: publicProcedure
    .input(seatMapInput)
    .query(({ ctx, input }) => getSeatMap(ctx.deps, { eventId: input.eventId, userId: ctx.user?.id ?? null })),

  /** Changes after `lastEventId` (the map's `seq`, or the last tracked id seen), then live, in order. */
  onChange: publicProcedure.input(seatChangesInput).subscription(async function* ({ ctx, input, signal }) {
    await ctx.deps.layouts.get(input.eventId);
    const afterSeq = input.lastEventId === undefined ? undefined : Number(input.lastEventId);
    for await (const message of watchSeatChanges(ctx.deps, {
      eventId: input.eventId,
      afterSeq: Number.isSafeInteger(afterSeq) ? afterSeq : undefined,
      signal,
    })) {
      // Watchers that are up to date share the message of a tick, and so its encoding.
      yield tracked(String(message.seq), encodeOnce(message));
    }
  }),
} satisfies TRPCRouterRecord;
