import { admitTicket, scannerSetup } from "@frontrow/core";
import { admitTicketInput } from "@frontrow/validators";
import { admitTicketOutput, scannerSetupOutput } from "@frontrow/validators/outputs";
import type { TRPCRouterRecord } from "@trpc/server";
import { scannerProcedure } from "../trpc";

export const ticketsRouter = {
  /** The server's public key and the events to scan for: what a door scanner loads once. */
  scanSetup: scannerProcedure.output(scannerSetupOutput).query(({ ctx }) => scannerSetup(ctx.deps)),
  /** Lets a ticket in: one winner however many scanners read it at once. */
  admit: scannerProcedure
    .input(admitTicketInput)
    .output(admitTicketOutput)
    .mutation(({ ctx, input }) => admitTicket(ctx.deps, { ...input, scannerId: ctx.user.id })),
} satisfies TRPCRouterRecord;
