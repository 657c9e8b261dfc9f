import { acceptTransfer, cancelTransfer, declineTransfer, listTransfers, sendTransfer } from "@frontrow/core";
import { transferIdInput, transferSendInput } from "@frontrow/validators";
import { transferOutput, transfersListOutput } from "@frontrow/validators/outputs";
import type { TRPCRouterRecord } from "@trpc/server";
import { protectedProcedure } from "../trpc";

export const transfersRouter = {
  mine: protectedProcedure
    .output(transfersListOutput)
    .query(({ ctx }) => listTransfers(ctx.deps, { userId: ctx.user.id })),
  send: protectedProcedure
    .input(transferSendInput)
    .output(transferOutput)
    .mutation(({ ctx, input }) => sendTransfer(ctx.deps, { ...input, userId: ctx.user.id, requestId: ctx.requestId })),
  accept: protectedProcedure
    .input(transferIdInput)
    .output(transferOutput)
    .mutation(({ ctx, input }) => acceptTransfer(ctx.deps, { transferId: input.transferId, userId: ctx.user.id })),
  decline: protectedProcedure
    .input(transferIdInput)
    .output(transferOutput)
    .mutation(({ ctx, input }) => declineTransfer(ctx.deps, { transferId: input.transferId, userId: ctx.user.id })),
  cancel: protectedProcedure
    .input(transferIdInput)
    .output(transferOutput)
    .mutation(({ ctx, input }) => cancelTransfer(ctx.deps, { transferId: input.transferId, userId: ctx.user.id })),
} satisfies TRPCRouterRecord;
