import { holdSeats, listMyHolds, listSellingEventIds, releaseHold } from "@frontrow/core";
import { holdIdInput, holdRequest, myHoldsInput } from "@frontrow/validators";
import { holdOutput, myHoldsOutput, okOutput } from "@frontrow/validators/outputs";
import type { TRPCRouterRecord } from "@trpc/server";
import { protectedProcedure, refusing } from "../trpc";

export const holdsRouter = {
  create: protectedProcedure
    .input(holdRequest)
    .output(holdOutput)
    .mutation(({ ctx, input }) =>
      refusing(holdSeats(ctx.deps, { ...input, userId: ctx.user.id, ip: ctx.ip })),
    ),
  release: protectedProcedure
    .input(holdIdInput)
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      await refusing(releaseHold(ctx.deps, { holdId: input.holdId, userId: ctx.user.id }));
      return { ok: true as const };
    }),
  mine: protectedProcedure
    .input(myHoldsInput)
    .output(myHoldsOutput)
    .query(async ({ ctx, input }) => {
      const eventIds = input?.eventId
        ? [input.eventId]
        : await listSellingEventIds(ctx.deps, ctx.deps.clock.now());
      return listMyHolds(ctx.deps, { userId: ctx.user.id, eventIds });
    }),
} satisfies TRPCRouterRecord;
