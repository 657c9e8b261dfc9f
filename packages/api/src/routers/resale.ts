import { listForResale, resaleOfOrder, withdrawResale } from "@frontrow/core";
import { resaleListInput, resaleListingIdInput, resaleOrderInput } from "@frontrow/validators";
import { resaleOfOrderOutput } from "@frontrow/validators/outputs";
import type { TRPCRouterRecord } from "@trpc/server";
import { protectedProcedure } from "../trpc";

export const resaleRouter = {
  ofOrder: protectedProcedure
    .input(resaleOrderInput)
    .output(resaleOfOrderOutput)
    .query(({ ctx, input }) => resaleOfOrder(ctx.deps, { orderId: input.orderId, userId: ctx.user.id })),
  list: protectedProcedure
    .input(resaleListInput)
    .output(resaleOfOrderOutput)
    .mutation(({ ctx, input }) => listForResale(ctx.deps, { ...input, userId: ctx.user.id })),
  withdraw: protectedProcedure
    .input(resaleListingIdInput)
    .output(resaleOfOrderOutput)
    .mutation(({ ctx, input }) => withdrawResale(ctx.deps, { listingId: input.listingId, userId: ctx.user.id })),
} satisfies TRPCRouterRecord;
