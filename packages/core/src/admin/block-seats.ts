import { schema } from "@frontrow/db";
import { keys, runBlockSeats, type Redis } from "@frontrow/redis";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Clock } from "../clock";
import { byLockOrder, lockingTransaction, type LockingDeps } from "../db/row-locks";
import { DomainError } from "../errors";
import { ensureInventoryLoaded } from "../holds/ensure-inventory-loaded";
import type { EventUpdatePublisher } from "../pubsub/event-update-bus";
import { offerReturnedSeats } from "../waiting-list/offer-returned-seats";
import { recordAudit } from "./record-audit";

export interface BlockSeatsDeps extends LockingDeps {
  redis: Redis;
  clock: Clock;
  eventUpdates: EventUpdatePublisher;
}

/** Blocks or unblocks in Redis, loading the event's inventory there first if it is missing. */
async function blockInRedis(deps: BlockSeatsDeps, input: { eventId: string; seatIds: string[]; blocked: boolean }) {
  const { loaded: loadedKey } = keys.eventInventory(input.eventId);
  for (let attempt = 0; attempt < 2; attempt++) {
    if (!(await deps.redis.exists(loadedKey))) await ensureInventoryLoaded(deps, input.eventId);
    const result = await runBlockSeats(deps.redis, input);
    if (result.ok) return result;
  }
  throw new Error(`the inventory of event ${input.eventId} could not be loaded into Redis`);
}

/**
 * Takes reserved seats of an event off sale, or puts them back. Blocking takes only the seats that are free right
 * now, in one Redis step, so a fan's hold is never overwritten: seats held or sold are left as they are and
 * returned in `refusedSeatIds`, the rest are blocked. Then Postgres records it (seat status and the sections'
 * blocked counts); if that fails, Redis is put back. Unblocking commits in Postgres first and then frees the
 * seats in Redis, so a seat is never for sale in Redis while Postgres still calls it blocked. Every seat that
 * changes reaches open seat maps through the event's change stream.
 */
export async function blockSeats(
  deps: BlockSeatsDeps,
  input: { eventId: string; seatIds: string[]; blocked: boolean; actorId: string; requestId?: string; via?: "venue" },
): Promise<{ changed: number; refusedSeatIds: string[] }> {
  const { events, eventSeats, eventSections } = schema;
  const seatIds = [...new Set(input.seatIds)];
  let takenInRedis: string[] = [];
  const result = await lockingTransaction(deps, async (tx, locks) => {
      // The event row serializes organizer changes to this event's inventory.
      const [event] = await locks.update(
        "event",
        tx.select({ status: events.status, waitingList: events.waitingListEnabled }).from(events).where(eq(events.id, input.eventId)),
      );
      if (!event) throw new DomainError("NOT_FOUND", "This event does not exist");
      if (event.status === "ended" || event.status === "cancelled") {
        throw new DomainError(
          "INVALID_INPUT",
          `This event has ${event.status === "ended" ? "ended" : "been cancelled"}: its seats can no longer change`,
        );
      }
      const found = await tx
        .select({ seatId: eventSeats.seatId, sectionId: eventSeats.sectionId, tierId: eventSeats.tierId })
        .from(eventSeats)
        .where(and(eq(eventSeats.eventId, input.eventId), inArray(eventSeats.seatId, seatIds)));
      if (found.length !== seatIds.length) {
        throw new DomainError("NOT_FOUND", "Some of these seats are not in this event", { field: "seatIds" });
      }

      let refusedSeatIds: string[] = [];
      let changedRows: Array<{ seatId: string; sectionId: string }>;
      if (input.blocked) {
        const taken = await blockInRedis(deps, { eventId: input.eventId, seatIds, blocked: true });
        takenInRedis = taken.changedIds;
        refusedSeatIds = taken.refusedIds;
        changedRows =
          takenInRedis.length === 0
            ? []
            : await tx
                .update(eventSeats)
                .set({ status: "blocked" })
                .where(and(eq(eventSeats.eventId, input.eventId), inArray(eventSeats.seatId, takenInRedis), eq(eventSeats.status, "available")))
                .returning({ seatId: eventSeats.seatId, sectionId: eventSeats.sectionId });
        if (changedRows.length < takenInRedis.length) {
          // Redis had lost a sale that Postgres knows of: report it; the seat stays unsellable in Redis either way.
          const sold = await tx
            .select({ seatId: eventSeats.seatId })
            .from(eventSeats)
            .where(and(eq(eventSeats.eventId, input.eventId), inArray(eventSeats.seatId, takenInRedis), eq(eventSeats.status, "sold")));
          refusedSeatIds.push(...sold.map((seat) => seat.seatId));
        }
      } else {
        changedRows = await tx
          .update(eventSeats)
          .set({ status: "available" })
          .where(and(eq(eventSeats.eventId, input.eventId), inArray(eventSeats.seatId, seatIds), eq(eventSeats.status, "blocked")))
          .returning({ seatId: eventSeats.seatId, sectionId: eventSeats.sectionId });
      }

      const perSection = new Map<string, number>();
      for (const row of changedRows) perSection.set(row.sectionId, (perSection.get(row.sectionId) ?? 0) + 1);
      const sign = input.blocked ? 1 : -1;
      for (const [sectionId, count] of [...perSection].sort(([a], [b]) => byLockOrder(a, b))) {
        await tx
          .update(eventSections)
          .set({ blockedCount: sql`${eventSections.blockedCount} + ${sign * count}` })
          .where(and(eq(eventSections.eventId, input.eventId), eq(eventSections.sectionId, sectionId)));
      }
      await recordAudit(tx, {
        actorId: input.actorId,
        action: input.blocked ? "event.block_seats" : "event.unblock_seats",
        subjectType: "event",
        subjectId: input.eventId,
        details: {
          seats: seatIds.length,
          changed: changedRows.length,
          ...(refusedSeatIds.length > 0 ? { refused: refusedSeatIds.length } : {}),
          ...(input.via ? { via: input.via } : {}),
        },
        requestId: input.requestId,
      });
      return { changed: changedRows.length, refusedSeatIds, waitingList: event.waitingList, seats: found };
    })
    .catch(async (error: unknown) => {
      if (takenInRedis.length > 0) await runBlockSeats(deps.redis, { eventId: input.eventId, seatIds: takenInRedis, blocked: false });
      throw error;
    });

  // Unblocked seats go back on sale in Redis only now that Postgres no longer calls them blocked. Every requested
  // seat is passed, so repeating an unblock also frees a seat a failed earlier attempt left blocked in Redis.
  // With a waiting list they go to its first fitting fans in that same step.
  if (!input.blocked && result.waitingList) {
    await offerReturnedSeats(deps, { eventId: input.eventId, source: { mode: "unblock", seats: result.seats } });
  } else if (!input.blocked) {
    await blockInRedis(deps, { eventId: input.eventId, seatIds, blocked: false });
  }
  if (result.changed > 0) await deps.eventUpdates.publish(input.eventId, "inventory");
  return { changed: result.changed, refusedSeatIds: result.refusedSeatIds };
}
