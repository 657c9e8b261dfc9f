import { getVenue, listVenues } from "@frontrow/core";
import { venueByIdInput } from "@frontrow/validators";
import { venueDetailsOutput, venuesListOutput } from "@frontrow/validators/outputs";
import type { TRPCRouterRecord } from "@trpc/server";
import { publicProcedure } from "../trpc";

export const venuesRouter = {
  list: publicProcedure.output(venuesListOutput).query(({ ctx }) => listVenues(ctx.deps)),
  byId: publicProcedure
    .input(venueByIdInput)
    .output(venueDetailsOutput)
    .query(({ ctx, input }) => getVenue(ctx.deps, input)),
} satisfies TRPCRouterRecord;
