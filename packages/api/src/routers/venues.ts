import { getVenue, listVenues } from "@frontrow/core";
import { venueByIdInput } from "@frontrow/validators";
import type { TRPCRouterRecord } from "@trpc/server";
import { publicProcedure } from "../trpc";

export const venuesRouter = {
  list: publicProcedure.query(({ ctx }) => listVenues(ctx.deps)),
  byId: publicProcedure.input(venueByIdInput).query(({ ctx, input }) => getVenue(ctx.deps, input)),
} satisfies TRPCRouterRecord;
