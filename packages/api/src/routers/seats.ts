import { getSeatMap, watchSeatChanges } from "@frontrow/core";
import { seatChangesInput, seatMapInput } from "@frontrow/validators";
import { seatChangeMessageOutput, seatMapOutput } from "@frontrow/validators/outputs";
import { tracked, type TRPCRouterRecord } from "@trpc/server";
import { whenEventExists } from "../known-event";
import { eachTrackedYield } from "../output-checks";
import { encodeOnce } from "../shared-encoding";
import { publicProcedure } from "../trpc";

/** The event's seat changes as tracked messages, so a client resumes from the last id it saw. */
function trackedSeatChanges(
  deps: Parameters<typeof watchSeatChanges>[0],
  input: { eventId: string; lastEventId?: string | undefined },
  signal: AbortSignal | undefined,
) {
  const afterSeq = input.lastEventId === undefined ? undefined : Number(input.lastEventId);
  return watchSeatChanges(deps, {
    eventId: input.eventId,
    afterSeq,
    signal,
    // Watchers that are up to date share the message of a tick, and so its encoding.
    present: (message) => tracked(String(message.seq), encodeOnce(message)),
  });
}

export const seatsRouter = {
  map: publicProcedure
    .input(seatMapInput)
    .output(seatMapOutput)
    .query(({ ctx, input }) =>
      getSeatMap(ctx.deps, { eventId: input.eventId, userId: ctx.user?.id ?? null }),
    ),

  /** Changes after `lastEventId` (the map's `seq`, or the last tracked id seen), then live, in order. */
  onChange: publicProcedure
    .input(seatChangesInput)
    .output(eachTrackedYield(seatChangeMessageOutput))
    .subscription(({ ctx, input, signal }) =>
      whenEventExists(ctx.deps, input.eventId, () => trackedSeatChanges(ctx.deps, input, signal)),
    ),
} satisfies TRPCRouterRecord;
