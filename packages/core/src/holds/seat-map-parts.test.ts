import { schema } from "@frontrow/db";
import { seedDemoData } from "@frontrow/db/seed";
import { createTestEvent, createTestVenue } from "@frontrow/db/testing";
import {
  assembleSeatMap,
  seatIdsSchema,
  seatLayoutSchema,
  seatStatusSchema,
  type SeatIdsPayload,
  type SeatLayoutPayload,
} from "@frontrow/validators";
import { keys } from "@frontrow/redis";
import { and, eq, inArray } from "drizzle-orm";
import { gunzipSync } from "node:zlib";
import { describe, expect } from "vitest";
import { test, type TestServices } from "../testing";
import { createRedisChangeBus } from "./change-bus";
import { ensureInventoryLoaded } from "./ensure-inventory-loaded";
import { createEventLayoutCache } from "./event-layout";
import { holdSeats } from "./hold-seats";
import { createSeatMapParts, type EncodedPayload } from "./seat-map-parts";
import { createSeatSnapshotCache, getSeatMap } from "./seat-map";

function setUp(services: TestServices) {
  const db = services.database.db;
  const changeBus = createRedisChangeBus({
    redis: services.redisStore.redis,
    subscriber: services.redisStore.connect({ forSubscriptions: true }),
  });
  const deps = {
    db,
    redis: services.redisStore.redis,
    clock: services.clock,
    layouts: createEventLayoutCache({ db }),
    snapshots: createSeatSnapshotCache({ maxAgeMs: 0 }),
    changeBus,
  };
  const parts = createSeatMapParts();
  const decode = (payload: EncodedPayload): unknown => {
    const json = JSON.parse(payload.json.toString("utf8")) as unknown;
    // Every encoding says the same thing.
    expect(JSON.parse(gunzipSync(payload.gzip).toString("utf8"))).toEqual(json);
    return json;
  };
  const read = async (eventId: string, after?: number) => {
    const layout = seatLayoutSchema.parse(decode((await parts.layout(deps, eventId)).payload)) as SeatLayoutPayload;
    const ids = seatIdsSchema.parse(decode((await parts.seatIds(deps, eventId)).payload)) as SeatIdsPayload;
    const status = seatStatusSchema.parse(decode(await parts.status(deps, { eventId, after })));
    return assembleSeatMap(layout, ids, status);
  };
  return {
    deps,
    parts,
    read,
    async close() {
      parts.close();
      await changeBus.close();
    },
  };
}

describe("seat map parts (layout, seat ids, status)", () => {
  test("give the same seats and sections as seats.map for every seeded venue", async ({ services }) => {
    const db = services.database.db;
    await seedDemoData(db, { passwordHash: "not-a-real-hash" });
    const events = await db.select({ id: schema.events.id, venueId: schema.events.venueId }).from(schema.events);
    const venues = new Set(events.map((event) => event.venueId));
    expect(venues.size).toBeGreaterThanOrEqual(4);
    const { deps, read, close } = setUp(services);
    try {
      for (const event of events) {
        // Some seats sold and blocked in Postgres, some held in Redis, so every status is compared.
        const seats = await db
          .select({ seatId: schema.eventSeats.seatId })
          .from(schema.eventSeats)
          .where(and(eq(schema.eventSeats.eventId, event.id), eq(schema.eventSeats.status, "available")));
        const sold = seats.filter((_, i) => i % 17 === 3).map((seat) => seat.seatId);
        const blocked = seats.filter((_, i) => i % 23 === 5).map((seat) => seat.seatId);
        if (blocked.length > 0) {
          await db
            .update(schema.eventSeats)
            .set({ status: "blocked" })
            .where(and(eq(schema.eventSeats.eventId, event.id), inArray(schema.eventSeats.seatId, blocked)));
        }
        // Sold seats need an order in Postgres: mark them as the sale's last step marks them in Redis.
        await ensureInventoryLoaded(deps, event.id);
        const { seats: seatsKey } = keys.eventInventory(event.id);
        if (sold.length > 0) await services.redisStore.redis.hset(seatsKey, Object.fromEntries(sold.map((id) => [id, "s"])));
        const layout = await deps.layouts.get(event.id);
        const free = seats.map((seat) => seat.seatId).filter((id) => !sold.includes(id) && !blocked.includes(id));
        if (free.length >= 2 && layout.event.status === "on_sale" && !layout.event.waitingRoomEnabled) {
          await holdSeats(deps, { eventId: event.id, userId: "a-fan", seatIds: free.slice(0, 2) }).catch(() => undefined);
        }

        const map = await getSeatMap(deps, { eventId: event.id, userId: null });
        const assembled = await read(event.id);
        expect(assembled.seq).toBe(map.seq);
        const byId = <T extends { id: string }>(list: T[]) => [...list].sort((a, b) => (a.id < b.id ? -1 : 1));
        expect(byId(assembled.seats)).toEqual(byId(map.seats.map(({ mine: _mine, ...seat }) => seat)));
        expect(byId(assembled.sections)).toEqual(byId(map.sections));
        expect(assembled.venue).toEqual(map.venue);
        expect(assembled.tiers).toEqual(map.tiers);
      }
    } finally {
      await close();
    }
  }, 120_000);

  test("a fan's own hold is in the status read right after it, on an instance whose status is live", async ({ services }) => {
    const db = services.database.db;
    const venue = await createTestVenue(db, { sections: [{ name: "A", rows: 5, seatsPerRow: 10 }] });
    const { eventId } = await createTestEvent(db, { venueId: venue.venueId });
    const seatIds = venue.seats.map((seat) => seat.id);
    const { deps, read, close } = setUp(services);
    try {
      // The instance follows the event already (someone opened the map), so the next read is served from memory.
      expect((await read(eventId)).seats.every((seat) => seat.status === "available")).toBe(true);
      for (const [i, seatId] of seatIds.slice(0, 10).entries()) {
        const hold = await holdSeats(deps, { eventId, userId: `fan-${i}`, seatIds: [seatId] });
        const map = await read(eventId, hold.seq);
        expect(map.seq).toBeGreaterThanOrEqual(hold.seq);
        expect(map.seats.find((seat) => seat.id === seatId)?.status).toBe("held");
      }
    } finally {
      await close();
    }
  });

  test("follows the change stream: a read after a change sees it, with no sequence named", async ({ services }) => {
    const db = services.database.db;
    const venue = await createTestVenue(db, { sections: [{ name: "A", rows: 5, seatsPerRow: 10 }] });
    const { eventId } = await createTestEvent(db, { venueId: venue.venueId });
    const seatIds = venue.seats.map((seat) => seat.id);
    const { deps, parts, read, close } = setUp(services);
    try {
      await read(eventId);
      const first = await parts.status(deps, { eventId });
      expect(await parts.status(deps, { eventId })).toBe(first);
      const hold = await holdSeats(deps, { eventId, userId: "fan", seatIds: seatIds.slice(0, 3) });
      await expect
        .poll(async () => (await read(eventId)).seq, { timeout: 2_000 })
        .toBe(hold.seq);
      const map = await read(eventId);
      expect(map.seats.filter((seat) => seat.status === "held").map((seat) => seat.id).sort()).toEqual(
        seatIds.slice(0, 3).sort(),
      );
      expect(map.sections[0]!.available).toBe(47);
    } finally {
      await close();
    }
  });
});
