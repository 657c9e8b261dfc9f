import { cancelOrder, getOrder, listOrders } from "@frontrow/core";
import { orderIdInput } from "@frontrow/validators";
import type { TRPCRouterRecord } from "@trpc/server";
import { protectedProcedure } from "../trpc";

export const ordersRouter = {
  list: protectedProcedure.query(({ ctx }) => listOrders(ctx.deps, { userId: ctx.user.id })),
  byId: protectedProcedure
    .input(orderIdInput)
    .query(({ ctx, input }) => getOrder(ctx.deps, { orderId: input.orderId, userId: ctx.user.id })),
  cancel: protectedProcedure
    .input(orderIdInput)
    .mutation(({ ctx, input }) =>
      cancelOrder(ctx.deps, { orderId: input.orderId, userId: ctx.user.id, by: "fan", requestId: ctx.requestId }),
    ),
} satisfies TRPCRouterRecord;
