import { randomUUID } from "node:crypto";
import type { Database } from "@frontrow/db";
import { runHoldSeats, type HoldSeatsArgs, type Redis } from "@frontrow/redis";
import type { HoldPrice, HoldRequest } from "@frontrow/validators";
import { defaultAbuseLimits, retryIn, type AbuseLimits } from "../abuse/abuse-limits";
import { eventDisplayStatus } from "../catalog/event-display-status";
import type { Clock } from "../clock";
import { DomainError } from "../errors";
import { resalePricesOf } from "../resale/resale-listings";
import type { AccessPassVerifier } from "./access-pass";
import { runWithInventory } from "./ensure-inventory-loaded";
import type { EventLayout, EventLayoutCache } from "./event-layout";
import { findBestAvailable, type SeatBlock } from "./find-best-available";
import { newHoldId } from "./hold-id";
import { priceHold } from "./price-hold";
import { layoutVersionOf, seatIdsAt, seatIndexesOf } from "./layout-order";
import { readTakenSeats } from "./read-taken-seats";
import { strandChecks } from "./single-seat-rule";
import { seatLabel } from "../tickets/seat-claim";

export interface HoldDeps {
  db: Database;
  redis: Redis;
  clock: Clock;
  layouts: EventLayoutCache;
  verifyAccessPass?: AccessPassVerifier;
  /** Limits on hold requests and seats held per client address; `defaultAbuseLimits` when unset. */
  abuseLimits?: AbuseLimits;
}

/** A hold request: who asks, and from which client address (the bot limits count per address). */
export type HoldSeatsInput = HoldRequest & { userId: string; ip?: string };

export interface Hold {
  holdId: string;
  eventId: string;
  seatIds: string[];
  /** The same seats by their index in layout `layoutVersion` (GET /api/events/:id/layout). */
  seatIndexes: number[];
  layoutVersion: string;
  sections: Array<{ sectionId: string; quantity: number }>;
  expiresAt: Date;
  /** What the hold costs now, line by line: what checkout charges. */
  price: HoldPrice;
}

/** An admitted fan whose shopping window is over (their time ran out, or they left the waiting room). */
const windowEnded = () =>
  new DomainError(
    "NOT_ADMITTED",
    "Your shopping window is over (your time ran out or you left the waiting room): join the waiting room again",
    { windowEnded: true },
  );

/** A hold just made, with the change sequence it was published at (a seat map status `after` it shows it). */
export interface NewHold extends Hold {
  seq: number;
}

function assertCanHold(deps: HoldDeps, layout: EventLayout, input: HoldRequest & { userId: string }) {
  const now = deps.clock.now();
  if (eventDisplayStatus(layout.event, 1, now) !== "on_sale") {
    throw new DomainError("NOT_ON_SALE", "This event is not on sale");
  }
  if (layout.event.waitingRoomEnabled) {
    const check =
      input.accessPass === undefined
        ? "invalid"
        : (deps.verifyAccessPass?.({ pass: input.accessPass, userId: input.userId, eventId: input.eventId, now }) ?? "invalid");
    if (check === "window_ended") throw windowEnded();
    if (check !== "valid") throw new DomainError("NOT_ADMITTED", "Join the waiting room first: your turn has not come yet");
  }
}

function seatRequest(layout: EventLayout, seatIds: string[]): string[] {
  const unique = [...new Set(seatIds)];
  const unknown = unique.filter((id) => !layout.seatById.has(id));
  if (unknown.length > 0) {
    throw new DomainError("INVALID_INPUT", "Some seats are not part of this event", { seatIds: unknown, field: "seatIds" });
  }
  return unique;
}

function sectionRequest(layout: EventLayout, sections: Array<{ sectionId: string; quantity: number }>) {
  const merged = new Map<string, number>();
  for (const { sectionId, quantity } of sections) {
    const section = layout.sectionById.get(sectionId);
    if (!section || section.kind !== "general_admission") {
      throw new DomainError("INVALID_INPUT", "That section does not sell standing tickets", { field: "sections" });
    }
    merged.set(sectionId, (merged.get(sectionId) ?? 0) + quantity);
  }
  return [...merged].map(([sectionId, quantity]) => ({ sectionId, quantity }));
}

/**
 * Holds seats, general-admission places, or the best available block, all or nothing. Throws SEAT_UNAVAILABLE
 * (naming the seats), LIMIT_EXCEEDED, NOT_ON_SALE or NOT_ADMITTED.
 */
export async function holdSeats(deps: HoldDeps, input: HoldSeatsInput): Promise<NewHold> {
  const layout = await deps.layouts.get(input.eventId);
  assertCanHold(deps, layout, input);
  const now = deps.clock.now();
  const limits = deps.abuseLimits ?? defaultAbuseLimits;
  const expiresAt = new Date(now.getTime() + layout.event.holdSeconds * 1000);
  const base = {
    eventId: input.eventId,
    userId: input.userId,
    nowMs: now.getTime(),
    expiresAtMs: expiresAt.getTime(),
    perFanLimit: layout.event.perFanLimit,
    // The signed pass proves admission was granted; the script checks, in the hold's own step, that it still holds.
    mustBeShopping: layout.event.waitingRoomEnabled,
    // Counted and capped in the hold's own step: no extra round trip, and no race between check and hold.
    clientIp: input.ip,
    clientCap: limits.enforceHeldSeatsPerIp ? layout.event.heldSeatsPerIp : 0,
    attempts: {
      perFan: limits.holdsPerFan.limit,
      perClient: limits.holdsPerIp.limit,
      windowMs: limits.holdsPerFan.windowMs,
      attemptId: randomUUID(),
    },
  };

  const attempt = async (
    request: Pick<HoldSeatsArgs, "seatIds" | "generalAdmission" | "orphanGuards" | "strandChecks">,
  ) => {
    const args: HoldSeatsArgs = { ...base, holdId: newHoldId(input.eventId), ...request };
    const result = await runWithInventory(deps, input.eventId, () => runHoldSeats(deps.redis, args));
    if (result.ok) {
      // Postgres is asked only when the hold took a seat Redis knows is listed for resale: most holds take none, and
      // pay no await for it.
      const resalePrices =
        result.resaleSeatIds.length === 0 ? undefined : await resalePricesOf(deps.db, input.eventId, result.resaleSeatIds);
      return {
        holdId: args.holdId,
        eventId: input.eventId,
        seatIds: args.seatIds,
        seatIndexes: seatIndexesOf(layout, args.seatIds),
        layoutVersion: layoutVersionOf(layout),
        sections: args.generalAdmission,
        expiresAt,
        price: priceHold(layout, args, resalePrices),
        seq: result.seq,
      } satisfies NewHold;
    }
    return result;
  };

  const fail = (result: Exclude<Awaited<ReturnType<typeof attempt>>, NewHold>): never => {
    switch (result.reason) {
      case "SEAT_UNAVAILABLE":
        throw new DomainError("SEAT_UNAVAILABLE", "Some of these seats were just taken", {
          seatIds: result.blockedIds,
          seatIndexes: seatIndexesOf(layout, result.blockedIds),
          layoutVersion: layoutVersionOf(layout),
        });
      case "LIMIT_EXCEEDED":
        throw new DomainError(
          "LIMIT_EXCEEDED",
          `You can have at most ${layout.event.perFanLimit} tickets for this event (you have ${result.alreadyCounted})`,
        );
      case "RATE_LIMITED":
        throw new DomainError("RATE_LIMITED", `Too many seat requests: try again in ${retryIn(result.retryAfterMs)}`, {
          retryAfterMs: result.retryAfterMs,
        });
      case "CLIENT_LIMIT_EXCEEDED":
        throw new DomainError(
          "CLIENT_LIMIT_EXCEEDED",
          `Your network already holds ${result.heldFromClient} of the ${layout.event.heldSeatsPerIp} tickets one network may hold at once for this event: buy or release them first`,
        );
      case "NOT_ADMITTED":
        throw windowEnded();
      case "STRANDS_SEAT": {
        const seat = layout.seatById.get(result.seatId)!;
        const place = seatLabel(layout.sectionById.get(seat.sectionId)?.name ?? "", seat.row, seat.number);
        throw new DomainError(
          "LEAVES_SINGLE_SEAT",
          `${place} would be left on its own: add it to your seats, or choose seats that leave no single seat between taken ones`,
          { seatIds: [seat.id], seatIndexes: seatIndexesOf(layout, [seat.id]), layoutVersion: layoutVersionOf(layout) },
        );
      }
      default:
        throw new DomainError("SEAT_UNAVAILABLE", "Those seats are no longer available together", { seatIds: [] });
    }
  };

  if ("seatIds" in input || "seatIndexes" in input) {
    const seatIds = seatRequest(
      layout,
      "seatIds" in input ? input.seatIds : seatIdsAt(layout, input.layoutVersion, input.seatIndexes),
    );
    const checks = layout.event.singleSeatRule ? strandChecks(layout, seatIds) : [];
    const result = await attempt({ seatIds, generalAdmission: [], orphanGuards: [], strandChecks: checks });
    return "holdId" in result ? result : fail(result);
  }
  if ("sections" in input) {
    const result = await attempt({ seatIds: [], generalAdmission: sectionRequest(layout, input.sections), orphanGuards: [] });
    return "holdId" in result ? result : fail(result);
  }

  const { quantity, sectionId, tierId } = input.best;
  const section = sectionId ? layout.sectionById.get(sectionId) : undefined;
  if (sectionId && !section) throw new DomainError("INVALID_INPUT", "That section is not part of this event");
  if (section?.kind === "general_admission") {
    const result = await attempt({ seatIds: [], generalAdmission: [{ sectionId: section.id, quantity }], orphanGuards: [] });
    return "holdId" in result ? result : fail(result);
  }
  // Candidates can go stale between reading the map and holding; try the next few before giving up.
  for (let round = 0; round < 3; round++) {
    const taken = await readTakenSeats(deps, input.eventId);
    const blocks: SeatBlock[] = findBestAvailable(layout, (seatId) => taken.has(seatId), { quantity, sectionId, tierId });
    if (blocks.length === 0) break;
    for (const block of blocks.slice(0, 3)) {
      const result = await attempt({ seatIds: block.seatIds, generalAdmission: [], orphanGuards: block.orphanGuards });
      if ("holdId" in result) return result;
      if (result.reason !== "SEAT_UNAVAILABLE" && result.reason !== "ORPHAN") fail(result);
    }
  }
  throw new DomainError("SEAT_UNAVAILABLE", `No ${quantity} seats together are available${sectionId ? " in this section" : ""}`, {
    seatIds: [],
  });
}
