import {
  getQueueFairness,
  getQueueStats,
  getQueueStatus,
  guardQueueJoin,
  joinQueue,
  leaveQueue,
  watchQueueStatus,
} from "@frontrow/core";
import { eventByIdInput, queueJoinInput } from "@frontrow/validators";
import {
  okOutput,
  queueFairnessOutput,
  queueStatsOutput,
  queueStatusOutput,
} from "@frontrow/validators/outputs";
import type { TRPCRouterRecord } from "@trpc/server";
import { checkedInPlace, eachYield } from "../output-checks";
import { encodeQueueStatus } from "../queue-status-encoding";
import { adminProcedure, protectedProcedure, publicProcedure } from "../trpc";

export const queueRouter = {
  join: protectedProcedure
    .input(queueJoinInput)
    .output(checkedInPlace(queueStatusOutput))
    .mutation(async ({ ctx, input }) => {
      const request = { eventId: input.eventId, userId: ctx.user.id };
      await guardQueueJoin(ctx.deps, { ...request, ip: ctx.ip, proofOfWork: input.proofOfWork });
      // Encoded as the pushes are: superjson's walk of the status was a quarter of a join's server CPU.
      return encodeQueueStatus(await joinQueue(ctx.deps, request));
    }),
  status: protectedProcedure
    .input(eventByIdInput)
    .output(checkedInPlace(queueStatusOutput))
    .query(async ({ ctx, input }) =>
      encodeQueueStatus(await getQueueStatus(ctx.deps, { eventId: input.eventId, userId: ctx.user.id })),
    ),
  leave: protectedProcedure
    .input(eventByIdInput)
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      await leaveQueue(ctx.deps, { eventId: input.eventId, userId: ctx.user.id });
      return { ok: true as const };
    }),
  /** The fan's status whenever it changes, and the position at least every tick; pushed, never polled. */
  onStatus: protectedProcedure
    .input(eventByIdInput)
    .output(eachYield(queueStatusOutput))
    .subscription(async function* ({ ctx, input, signal }) {
      for await (const status of watchQueueStatus(ctx.deps, {
        eventId: input.eventId,
        userId: ctx.user.id,
        signal,
      })) {
        yield encodeQueueStatus(status);
      }
    }),
  /** Public: the committed seed hash, and after the start the seed and the pre-queue entries to check the shuffle. */
  fairness: publicProcedure
    .input(eventByIdInput)
    .output(queueFairnessOutput)
    .query(({ ctx, input }) => getQueueFairness(ctx.deps, input)),
  stats: adminProcedure
    .input(eventByIdInput)
    .output(queueStatsOutput)
    .query(({ ctx, input }) => getQueueStats(ctx.deps, input)),
} satisfies TRPCRouterRecord;
