import { completeCheckout } from "@frontrow/core";
import { checkoutInput } from "@frontrow/validators";
import { checkoutOutput } from "@frontrow/validators/outputs";
import type { TRPCRouterRecord } from "@trpc/server";
import { protectedProcedure } from "../trpc";

export const checkoutRouter = {
  complete: protectedProcedure
    .input(checkoutInput)
    .output(checkoutOutput)
    .mutation(async ({ ctx, input }) => ({
      order: await completeCheckout(ctx.deps, { ...input, userId: ctx.user.id, requestId: ctx.requestId }),
    })),
} satisfies TRPCRouterRecord;
