import { getEvent, listEvents } from "@frontrow/core";
import { eventByIdInput, eventsListInput } from "@frontrow/validators";
import type { TRPCRouterRecord } from "@trpc/server";
import { publicProcedure } from "../trpc";

export const eventsRouter = {
  list: publicProcedure.input(eventsListInput).query(({ ctx, input }) => listEvents(ctx.deps, input)),
  byId: publicProcedure.input(eventByIdInput).query(({ ctx, input }) => getEvent(ctx.deps, input)),
} satisfies TRPCRouterRecord;
