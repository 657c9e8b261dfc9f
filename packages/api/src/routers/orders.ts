import { cancelOrder, getOrder, listOrders } from "@frontrow/core";
import { orderIdInput } from "@frontrow/validators";
import { orderOutput, ordersListOutput } from "@frontrow/validators/outputs";
import type { TRPCRouterRecord } from "@trpc/server";
import { protectedProcedure } from "../trpc";

export const ordersRouter = {
  list: protectedProcedure
    .output(ordersListOutput)
    .query(({ ctx }) => listOrders(ctx.deps, { userId: ctx.user.id })),
  byId: protectedProcedure
    .input(orderIdInput)
    .output(orderOutput)
    .query(({ ctx, input }) => getOrder(ctx.deps, { orderId: input.orderId, userId: ctx.user.id })),
  cancel: protectedProcedure
    .input(orderIdInput)
    .output(orderOutput)
    .mutation(({ ctx, input }) =>
      cancelOrder(ctx.deps, {
        orderId: input.orderId,
        userId: ctx.user.id,
        by: "fan",
        requestId: ctx.requestId,
      }),
    ),
} satisfies TRPCRouterRecord;
