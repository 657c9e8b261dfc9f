import { getWaitingListStatus, joinWaitingList, leaveWaitingList, watchWaitingListStatus } from "@frontrow/core";
import { eventByIdInput, waitingListJoinInput } from "@frontrow/validators";
import { waitingListStatusOutput } from "@frontrow/validators/outputs";
import type { TRPCRouterRecord } from "@trpc/server";
import { whenEventExists } from "../known-event";
import { eachYield } from "../output-checks";
import { protectedProcedure } from "../trpc";

export const waitingListRouter = {
  join: protectedProcedure
    .input(waitingListJoinInput)
    .output(waitingListStatusOutput)
    .mutation(({ ctx, input }) => joinWaitingList(ctx.deps, { ...input, userId: ctx.user.id })),
  status: protectedProcedure
    .input(eventByIdInput)
    .output(waitingListStatusOutput)
    .query(({ ctx, input }) => getWaitingListStatus(ctx.deps, { eventId: input.eventId, userId: ctx.user.id })),
  leave: protectedProcedure
    .input(eventByIdInput)
    .output(waitingListStatusOutput)
    .mutation(({ ctx, input }) => leaveWaitingList(ctx.deps, { eventId: input.eventId, userId: ctx.user.id })),
  /** The fan's place and offer, pushed whenever they change. */
  onStatus: protectedProcedure
    .input(eventByIdInput)
    .output(eachYield(waitingListStatusOutput))
    .subscription(({ ctx, input, signal }) =>
      whenEventExists(ctx.deps, input.eventId, () =>
        watchWaitingListStatus(ctx.deps, { eventId: input.eventId, userId: ctx.user.id, signal }),
      ),
    ),
} satisfies TRPCRouterRecord;
