import type { Database } from "@frontrow/db";
import { keys, type Redis } from "@frontrow/redis";
import type { Clock } from "../clock";
import { ensureInventoryLoaded } from "./ensure-inventory-loaded";
import { readResaleSeats, readUnavailableInventory } from "./unavailable-inventory";
import type { EventLayout, EventLayoutCache } from "./event-layout";

export type SeatStatus = "available" | "held" | "sold" | "blocked" | "resale";

export interface Snapshot {
  seq: number;
  builtAt: number;
  status: Map<string, SeatStatus>;
  holderOf: Map<string, string>;
  gaAvailable: Map<string, number>;
}

/**
 * Builds the state of every seat as of one change sequence: holds and the sequence are read from Redis in one
 * MULTI, then sold seats from Postgres. A sale that commits after the Redis read is either already visible in
 * Postgres or arrives as a change with a higher sequence, so snapshot + later changes is never stale.
 */
export async function buildSeatSnapshot(
  deps: { db: Database; redis: Redis; clock: Clock },
  eventId: string,
): Promise<Snapshot> {
  const { seats: seatsKey, gaHeld: gaHeldKey, seq: seqKey, loaded: loadedKey } = keys.eventInventory(eventId);
  if (!(await deps.redis.exists(loadedKey))) await ensureInventoryLoaded(deps, eventId);
  const replies = await deps.redis.multi().get(seqKey).hgetall(seatsKey).hgetall(gaHeldKey).exec();
  if (!replies) throw new Error("seat map snapshot transaction was aborted");
  const [seq, seats, gaHeld] = replies.map(([error, value]) => {
    if (error) throw error;
    return value;
  }) as [string | null, Record<string, string>, Record<string, string>];

  const [[unavailable, generalAdmission], resale] = await Promise.all([
    readUnavailableInventory(deps.db, eventId),
    readResaleSeats(deps.db, eventId),
  ]);

  const status = new Map<string, SeatStatus>();
  const holderOf = new Map<string, string>();
  for (const [seatId, value] of Object.entries(seats)) {
    if (value === "s") status.set(seatId, "sold");
    else if (value === "b") status.set(seatId, "blocked");
    else {
      status.set(seatId, "held");
      holderOf.set(seatId, value.slice(value.indexOf("|") + 1));
    }
  }
  for (const seat of unavailable) status.set(seat.seatId, seat.status);
  // A listed seat nobody holds is for sale: as a resale seat.
  for (const { seatId } of resale) if (!status.has(seatId)) status.set(seatId, "resale");
  const gaAvailable = new Map(
    generalAdmission.map((section) => [
      section.sectionId,
      Math.max(0, section.available - Number(gaHeld[section.sectionId] ?? 0)),
    ]),
  );
  return { seq: Number(seq ?? 0), builtAt: Date.now(), status, holderOf, gaAvailable };
}

/**
 * Per-process snapshot cache. A request reuses the last snapshot when the event's sequence has not moved, or
 * when the snapshot is younger than `maxAgeMs` (its clients catch up from the change stream). So thousands of
 * fans opening one map in the same second cost a handful of database reads, not thousands.
 *
 * A snapshot is kept with the layout it was read with. An organizer's change that moves no seat (a standing area
 * added or resized, seats re-priced or marked) leaves the sequence as it was, but every instance drops the event's
 * layout when it hears of the change (see EventUpdateBus), and the snapshot goes with it.
 */
export function createSeatSnapshotCache(options: { maxAgeMs?: number } = {}) {
  const maxAgeMs = options.maxAgeMs ?? 500;
  const entries = new WeakMap<EventLayout, Promise<Snapshot>>();
  return {
    async get(deps: { db: Database; redis: Redis; clock: Clock }, layout: EventLayout): Promise<Snapshot> {
      const eventId = layout.event.id;
      const cached = entries.get(layout);
      if (cached) {
        const snapshot = await cached.catch(() => undefined);
        if (snapshot && Date.now() - snapshot.builtAt < maxAgeMs) return snapshot;
        const { seq: seqKey } = keys.eventInventory(eventId);
        if (snapshot && Number(await deps.redis.get(seqKey)) === snapshot.seq) return snapshot;
        // Someone started a newer build meanwhile: share it. (A failed build removes its entry: build again.)
        const newer = entries.get(layout);
        if (newer && newer !== cached) return newer;
      }
      const building = buildSeatSnapshot(deps, eventId);
      entries.set(layout, building);
      building.catch(() => entries.delete(layout));
      return building;
    },
  };
}

export type SeatSnapshotCache = ReturnType<typeof createSeatSnapshotCache>;

export interface SeatMapDeps {
  db: Database;
  redis: Redis;
  clock: Clock;
  layouts: EventLayoutCache;
  snapshots: SeatSnapshotCache;
}

/** The seat map: every seat where it sits with its status, consistent with change sequence `seq`. */
export async function getSeatMap(deps: SeatMapDeps, input: { eventId: string; userId: string | null }) {
  const layout = await deps.layouts.get(input.eventId);
  const snapshot = await deps.snapshots.get(deps, layout);
  const seats = layout.seats.map((seat) => ({
    ...seat,
    status: snapshot.status.get(seat.id) ?? ("available" as SeatStatus),
    mine: input.userId !== null && snapshot.holderOf.get(seat.id) === input.userId,
  }));
  const availableBySection = new Map<string, number>();
  for (const seat of seats) {
    if (seat.status === "available") availableBySection.set(seat.sectionId, (availableBySection.get(seat.sectionId) ?? 0) + 1);
  }
  const sections = layout.sections.map((section) => ({
    ...section,
    available:
      section.kind === "general_admission"
        ? (snapshot.gaAvailable.get(section.id) ?? 0)
        : (availableBySection.get(section.id) ?? 0),
  }));
  return {
    eventId: input.eventId,
    seq: snapshot.seq,
    venue: layout.venue,
    tiers: layout.tiers,
    sections,
    seats,
  };
}
