import { createTestEvent, createTestVenue } from "@frontrow/db/testing";
import { keys } from "@frontrow/redis";
import { buildSeatLayout, startHoldSweeper } from "@frontrow/core";
import type { TRPCError } from "@trpc/server";
import { describe, expect } from "vitest";
import { approvedCard, domainCode, failure, test } from "../testing";

const details = (error: TRPCError) =>
  (error.cause as { details?: { seatIds?: string[]; seatIndexes?: number[]; layoutVersion?: string } }).details;

/** Takes the next value of a subscription, failing after `ms`. */
async function next<T>(iterator: AsyncIterator<T>, ms = 3_000): Promise<T> {
  const result = await Promise.race([
    iterator.next(),
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error("no change arrived")), ms)),
  ]);
  if (result.done) throw new Error("subscription ended");
  return result.value;
}
const payload = <T>(envelope: T) => (Array.isArray(envelope) ? envelope[1] : envelope) as {
  seq: number;
  version?: string;
  changes: Array<{ seatId?: string; status?: string; index?: number; sectionId?: string; available?: number }>;
  refetch?: true;
};

async function onSaleEvent(db: Parameters<typeof createTestVenue>[0], overrides: Partial<Parameters<typeof createTestEvent>[1]> = {}) {
  const venue = await createTestVenue(db, {
    sections: [
      { name: "101", rows: 3, seatsPerRow: 8 },
      { name: "Floor", generalAdmission: 10 },
    ],
  });
  const { eventId } = await createTestEvent(db, { venueId: venue.venueId, ...overrides });
  const rowA = venue.seats.filter((seat) => seat.row === "A").sort((a, b) => a.number - b.number).map((s) => s.id);
  const floor = venue.sections.find((section) => section.name === "Floor")!.id;
  return { eventId, venue, rowA, floor };
}

describe("holds.create with seats", () => {
  test("holds every seat at once; other fans see them held and the holder sees them as theirs", async ({
    api,
    services,
  }) => {
    const { eventId, rowA } = await onSaleEvent(services.database.db);
    const alice = await api.fan("Alice");
    const bob = await api.fan("Bob");
    const hold = await (await alice.call()).holds.create({ eventId, seatIds: rowA.slice(0, 3) });
    expect(hold.seatIds).toEqual(rowA.slice(0, 3));
    expect(hold.expiresAt.getTime()).toBe(services.clock.now().getTime() + 600_000);

    const bobsMap = await (await bob.call()).seats.map({ eventId });
    const alicesMap = await (await alice.call()).seats.map({ eventId });
    const statusIn = (map: typeof bobsMap, id: string) => map.seats.find((seat) => seat.id === id)!;
    expect(statusIn(bobsMap, rowA[0]!)).toMatchObject({ status: "held", mine: false });
    expect(statusIn(alicesMap, rowA[0]!)).toMatchObject({ status: "held", mine: true });
    expect(statusIn(bobsMap, rowA[3]!)).toMatchObject({ status: "available", mine: false });
    expect(bobsMap.sections.find((section) => section.name === "101")?.available).toBe(21);
    expect(await (await alice.call()).holds.mine({ eventId })).toEqual([expect.objectContaining({ holdId: hold.holdId })]);
  });

  test("a blocked request names exactly the taken seats and takes none", async ({ api, services }) => {
    const { eventId, rowA } = await onSaleEvent(services.database.db);
    const alice = await api.fan();
    const bob = await api.fan();
    await (await alice.call()).holds.create({ eventId, seatIds: [rowA[2]!] });
    const error = await failure((await bob.call()).holds.create({ eventId, seatIds: rowA.slice(0, 4) }));
    expect(error.code).toBe("CONFLICT");
    expect(domainCode(error)).toBe("SEAT_UNAVAILABLE");
    expect(details(error)?.seatIds).toEqual([rowA[2]]);
    const map = await (await bob.call()).seats.map({ eventId });
    expect(map.seats.filter((seat) => seat.status === "held").map((seat) => seat.id)).toEqual([rowA[2]]);
  });

  test("many fans racing for overlapping seats: each seat ends up with exactly one fan", async ({ api, services }) => {
    const { eventId, rowA } = await onSaleEvent(services.database.db);
    const fans = await Promise.all(Array.from({ length: 16 }, (_, i) => api.fan(`Racer ${i}`)));
    const results = await Promise.allSettled(
      fans.map(async (fan, i) => (await fan.call()).holds.create({ eventId, seatIds: rowA.slice(i % 6, (i % 6) + 3) })),
    );
    const won = results.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
    const lost = results.filter((result) => result.status === "rejected");
    const heldSeats = won.flatMap((hold) => hold.seatIds);
    expect(new Set(heldSeats).size).toBe(heldSeats.length);
    expect(won.length).toBeGreaterThanOrEqual(1);
    expect(won.length + lost.length).toBe(16);
    for (const result of lost) expect(domainCode((result as PromiseRejectedResult).reason)).toBe("SEAT_UNAVAILABLE");
  });

  test("the per-fan limit counts held and bought tickets", async ({ api, services }) => {
    const { eventId, rowA } = await onSaleEvent(services.database.db);
    const { sql } = services.database;
    await sql`update events set per_fan_limit = 4 where id = ${eventId}`;
    const alice = await api.fan();
    // Alice already bought one ticket.
    const [order] = await sql`
      insert into orders (user_id, event_id, hold_id, subtotal_cents, fees_cents, total_cents, currency)
      values (${alice.userId}, ${eventId}, 'earlier', 5000, 0, 5000, 'USD') returning id`;
    const [seat] = await sql`select section_id, tier_id from event_seats where seat_id = ${rowA[7]!}`;
    await sql`update event_seats set status = 'sold', order_id = ${order!.id} where seat_id = ${rowA[7]!}`;
    await sql`
      insert into tickets (order_id, event_id, section_id, seat_id, tier_id, price_cents, code, signature, holder_id)
      values (${order!.id}, ${eventId}, ${seat!.section_id}, ${rowA[7]!}, ${seat!.tier_id}, 5000, 'T1', 'sig', ${alice.userId})`;

    await (await alice.call()).holds.create({ eventId, seatIds: rowA.slice(0, 2) });
    const error = await failure((await alice.call()).holds.create({ eventId, seatIds: rowA.slice(2, 4) }));
    expect(error.code).toBe("FORBIDDEN");
    expect(domainCode(error)).toBe("LIMIT_EXCEEDED");
    await (await alice.call()).holds.create({ eventId, seatIds: [rowA[2]!] });
    // Re-selecting her own held seats plus one is fine: they move into the new hold.
    const regrouped = await (await alice.call()).holds.create({ eventId, seatIds: rowA.slice(0, 3) });
    expect(regrouped.seatIds).toHaveLength(3);
  });

  test("parallel requests of one fan cannot together pass the per-fan limit", async ({ api, services }) => {
    const { eventId, venue } = await onSaleEvent(services.database.db);
    await services.database.sql`update events set per_fan_limit = 4 where id = ${eventId}`;
    const fan = await api.fan();
    const seats = venue.seats.map((seat) => seat.id);
    // Twelve tabs, each asking for two different seats at the same moment.
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, async (_, i) => (await fan.call()).holds.create({ eventId, seatIds: seats.slice(i * 2, i * 2 + 2) })),
    );
    const won = results.filter((result) => result.status === "fulfilled");
    expect(won).toHaveLength(2);
    for (const result of results) {
      if (result.status === "rejected") expect(domainCode(result.reason)).toBe("LIMIT_EXCEEDED");
    }
    const map = await (await fan.call()).seats.map({ eventId });
    expect(map.seats.filter((seat) => seat.mine)).toHaveLength(4);
  });

  test("after checkouts, a cancel and Redis losing every key, parallel holds of one fan still stop at the limit", async ({
    api,
    services,
  }) => {
    const { eventId, venue, floor } = await onSaleEvent(services.database.db);
    await services.database.sql`update events set per_fan_limit = 5 where id = ${eventId}`;
    const fan = await api.fan();
    const seats = venue.seats.map((seat) => seat.id);
    const buy = async (request: { seatIds: string[] } | { sections: Array<{ sectionId: string; quantity: number }> }) => {
      const hold = await (await fan.call()).holds.create({ eventId, ...request });
      const idempotencyKey = `k-${Math.random()}`;
      return (await (await fan.call()).checkout.complete({ holdId: hold.holdId, idempotencyKey, payment: approvedCard })).order;
    };
    const first = await buy({ seatIds: seats.slice(0, 3) });
    await buy({ sections: [{ sectionId: floor, quantity: 1 }] });
    await (await fan.call()).orders.cancel({ orderId: first.id });
    await buy({ seatIds: seats.slice(0, 2) });
    const { bought: boughtKey } = keys.eventInventory(eventId);
    expect(await services.redisStore.redis.hget(boughtKey, fan.userId)).toBe("3");

    await services.redisStore.flush();
    services.clock.advance(1_000);
    // Twelve tabs at once, each asking for one seat or one standing place: two fit.
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, async (_, i) =>
        (await fan.call()).holds.create(
          i % 3 ? { eventId, seatIds: [seats[4 + i]!] } : { eventId, sections: [{ sectionId: floor, quantity: 1 }] },
        ),
      ),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(2);
    for (const result of results) {
      if (result.status === "rejected") expect(domainCode(result.reason)).toBe("LIMIT_EXCEEDED");
    }
    expect(await services.redisStore.redis.hget(boughtKey, fan.userId)).toBe("3");
  });

  test("refuses events not on sale, waiting-room events without a pass, strangers' seats and anonymous fans", async ({
    api,
    services,
  }) => {
    const { db } = services.database;
    const later = new Date(services.clock.now().getTime() + 86_400_000);
    const scheduled = await onSaleEvent(db, { status: "scheduled", onSaleAt: later });
    const queued = await onSaleEvent(db, { waitingRoomEnabled: true });
    const other = await onSaleEvent(db);
    const fan = await api.fan();
    const caller = await fan.call();

    const notOnSale = await failure(caller.holds.create({ eventId: scheduled.eventId, seatIds: [scheduled.rowA[0]!] }));
    expect([notOnSale.code, domainCode(notOnSale)]).toEqual(["PRECONDITION_FAILED", "NOT_ON_SALE"]);
    const notAdmitted = await failure(
      caller.holds.create({ eventId: queued.eventId, seatIds: [queued.rowA[0]!], accessPass: "forged" }),
    );
    expect([notAdmitted.code, domainCode(notAdmitted)]).toEqual(["FORBIDDEN", "NOT_ADMITTED"]);
    const wrongEvent = await failure(caller.holds.create({ eventId: other.eventId, seatIds: [queued.rowA[0]!] }));
    expect(wrongEvent.code).toBe("BAD_REQUEST");
    const anonymous = await failure((await api.client().call()).holds.create({ eventId: other.eventId, seatIds: [other.rowA[0]!] }));
    expect(anonymous.code).toBe("UNAUTHORIZED");
    const empty = await failure(caller.holds.create({ eventId: other.eventId, seatIds: [] }));
    expect(empty.code).toBe("BAD_REQUEST");
  });
});

describe("holds.create by layout index", () => {
  test("holds the same seats as by id, says where they are, and names taken seats by index too", async ({ api, services }) => {
    const { eventId, rowA } = await onSaleEvent(services.database.db);
    const layout = buildSeatLayout(await api.deps.layouts.get(eventId));
    const rowNames = layout.seats.row.map((row) => layout.rows[row]);
    // Where row A's seats 1–3 sit in the layout, read from the layout payload a client has.
    const indexesOfRowA = rowA.map((_, i) =>
      rowNames.findIndex((name, at) => name === "A" && layout.seats.number[at] === i + 1 && layout.sections[layout.seats.section[at]!]!.name === "101"),
    );
    const alice = await api.fan();
    const bob = await api.fan();
    const byIndex = await (await alice.call()).holds.create({
      eventId,
      layoutVersion: layout.version,
      seatIndexes: indexesOfRowA.slice(0, 3),
    });
    expect(byIndex.seatIds).toEqual(rowA.slice(0, 3));
    expect(byIndex.seatIndexes).toEqual(indexesOfRowA.slice(0, 3));
    expect(byIndex.layoutVersion).toBe(layout.version);
    const byId = await (await bob.call()).holds.create({ eventId, seatIds: rowA.slice(4, 6) });
    expect(byId.seatIndexes).toEqual(indexesOfRowA.slice(4, 6));
    expect(await (await alice.call()).holds.mine({ eventId })).toEqual([
      expect.objectContaining({ holdId: byIndex.holdId, seatIndexes: indexesOfRowA.slice(0, 3), layoutVersion: layout.version }),
    ]);

    const taken = await failure(
      (await bob.call()).holds.create({ eventId, layoutVersion: layout.version, seatIndexes: indexesOfRowA.slice(2, 4) }),
    );
    expect([taken.code, domainCode(taken)]).toEqual(["CONFLICT", "SEAT_UNAVAILABLE"]);
    expect(details(taken)).toMatchObject({ seatIds: [rowA[2]], seatIndexes: [indexesOfRowA[2]], layoutVersion: layout.version });
  });

  test("a stale layout version is a conflict that says to reload; an index past the seats is bad input", async ({
    api,
    services,
  }) => {
    const { eventId } = await onSaleEvent(services.database.db);
    const layout = buildSeatLayout(await api.deps.layouts.get(eventId));
    const [venueVersion, updatedAt] = layout.version.split("-");
    const caller = await (await api.fan()).call();
    const stale = await failure(
      caller.holds.create({ eventId, layoutVersion: `${venueVersion}-${Number(updatedAt) - 1}`, seatIndexes: [0] }),
    );
    expect([stale.code, domainCode(stale)]).toEqual(["CONFLICT", "LAYOUT_CHANGED"]);
    expect(stale.message).toMatch(/reload/);
    const outside = await failure(
      caller.holds.create({ eventId, layoutVersion: layout.version, seatIndexes: [layout.seats.x.length] }),
    );
    expect([outside.code, domainCode(outside)]).toEqual(["BAD_REQUEST", "INVALID_INPUT"]);
    const notAVersion = await failure(caller.holds.create({ eventId, layoutVersion: "latest", seatIndexes: [0] }));
    expect(notAVersion.code).toBe("BAD_REQUEST");
    const negative = await failure(caller.holds.create({ eventId, layoutVersion: layout.version, seatIndexes: [-1] }));
    expect(negative.code).toBe("BAD_REQUEST");
  });
});

describe("holds.create with quantities", () => {
  test("best available picks adjacent seats in front and never strands a single seat", async ({ api, services }) => {
    const { eventId, rowA } = await onSaleEvent(services.database.db);
    const alice = await api.fan();
    const bob = await api.fan();
    // Row A: seat 1 and seat 5 taken → free runs [2,3,4] and [6,7,8].
    await (await alice.call()).holds.create({ eventId, seatIds: [rowA[0]!, rowA[4]!] });
    const hold = await (await bob.call()).holds.create({ eventId, best: { quantity: 2 } });
    // Any pair in a run of three leaves one seat alone, so the middle of row B (all free) is best.
    const map = await (await bob.call()).seats.map({ eventId });
    const held = map.seats.filter((seat) => hold.seatIds.includes(seat.id)).sort((a, b) => a.number - b.number);
    expect(held.map((seat) => `${seat.row}${seat.number}`)).toEqual(["B4", "B5"]);

    // With row B and C gone too, the only pairs left strand a seat: offered rather than refusing.
    await (await alice.call()).holds.release({ holdId: (await (await alice.call()).holds.mine({ eventId }))[0]!.holdId });
    const carol = await api.fan();
    const rest = map.seats.filter((seat) => seat.row !== "A" && !hold.seatIds.includes(seat.id)).map((s) => s.id);
    await (await carol.call()).holds.create({ eventId, seatIds: rest.slice(0, 7) });
    const dave = await api.fan();
    await (await dave.call()).holds.create({ eventId, seatIds: rest.slice(7, 14) });
    const erin = await api.fan();
    await (await erin.call()).holds.create({ eventId, seatIds: rowA.slice(3) });
    const last = await (await bob.call()).holds.create({ eventId, best: { quantity: 2 } });
    const lastSeats = (await (await bob.call()).seats.map({ eventId })).seats.filter((s) => last.seatIds.includes(s.id));
    expect(lastSeats.map((seat) => seat.row)).toEqual(["A", "A"]);
    expect(Math.abs(lastSeats[0]!.number - lastSeats[1]!.number)).toBe(1);
  });

  test("general admission holds a quantity and never passes capacity", async ({ api, services }) => {
    const { eventId, floor } = await onSaleEvent(services.database.db);
    const fans = await Promise.all(Array.from({ length: 6 }, () => api.fan()));
    const results = await Promise.allSettled(
      fans.map(async (fan) => (await fan.call()).holds.create({ eventId, sections: [{ sectionId: floor, quantity: 3 }] })),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(3);
    const map = await (await fans[0]!.call()).seats.map({ eventId });
    expect(map.sections.find((section) => section.id === floor)?.available).toBe(1);
  });
});

describe("release, expiry and live changes", () => {
  test("changes stream live, in order; a late subscriber replays from its sequence", async ({ api, services }) => {
    const { eventId, rowA, floor } = await onSaleEvent(services.database.db);
    const alice = await api.fan();
    const watcher = api.client();
    const { seq } = await (await watcher.call()).seats.map({ eventId });
    const controller = new AbortController();
    const live = (await (await watcher.call({ signal: controller.signal })).seats.onChange({
      eventId,
      lastEventId: String(seq),
    }))[Symbol.asyncIterator]();
    try {
      const hold = await (await alice.call()).holds.create({ eventId, seatIds: [rowA[0]!, rowA[1]!] });
      const first = payload(await next(live));
      expect(first.seq).toBe(seq + 1);
      // Each seat change names the seat's index in the layout the message names (hold.seatIndexes: same layout).
      expect(first.version).toBe(hold.layoutVersion);
      expect(first.changes).toEqual([
        { seatId: rowA[0], status: "held", index: hold.seatIndexes[0] },
        { seatId: rowA[1], status: "held", index: hold.seatIndexes[1] },
      ]);
      await (await alice.call()).holds.release({ holdId: hold.holdId });
      const second = payload(await next(live));
      expect(second.seq).toBe(seq + 2);
      expect(second.changes).toContainEqual({ seatId: rowA[0], status: "available", index: hold.seatIndexes[0] });
      await (await alice.call()).holds.create({ eventId, sections: [{ sectionId: floor, quantity: 2 }] });
      expect(payload(await next(live)).changes).toEqual([{ sectionId: floor, available: 8 }]);

      // Someone who saw only the first change resumes and gets the rest.
      const resumed = (await (await watcher.call({ signal: controller.signal })).seats.onChange({
        eventId,
        lastEventId: String(seq + 1),
      }))[Symbol.asyncIterator]();
      const replay = payload(await next(resumed));
      expect(replay.seq).toBe(seq + 3);
      expect(replay.changes).toContainEqual({ seatId: rowA[1], status: "available", index: hold.seatIndexes[1] });
      expect(replay.changes).toContainEqual({ sectionId: floor, available: 8 });
    } finally {
      controller.abort();
    }
  });

  test("a subscriber too far behind is told to refetch", async ({ api, services }) => {
    const { eventId, rowA } = await onSaleEvent(services.database.db);
    const alice = await api.fan();
    const { seq } = await (await alice.call()).seats.map({ eventId });
    await (await alice.call()).holds.create({ eventId, seatIds: [rowA[0]!] });
    const { changes: changesKey } = keys.eventInventory(eventId);
    await services.redisStore.redis.xtrim(changesKey, "MAXLEN", 0);
    await (await alice.call()).holds.create({ eventId, seatIds: [rowA[1]!] });
    const controller = new AbortController();
    try {
      const stream = (await (await alice.call({ signal: controller.signal })).seats.onChange({
        eventId,
        lastEventId: String(seq - 5),
      }))[Symbol.asyncIterator]();
      expect(payload(await next(stream))).toMatchObject({ refetch: true, seq: seq + 2 });
    } finally {
      controller.abort();
    }
  });

  test("only the holder can release; expired holds come back through the sweeper", async ({ api, services }) => {
    const { eventId, rowA } = await onSaleEvent(services.database.db);
    const alice = await api.fan();
    const bob = await api.fan();
    const hold = await (await alice.call()).holds.create({ eventId, seatIds: [rowA[0]!] });
    const stranger = await failure((await bob.call()).holds.release({ holdId: hold.holdId }));
    expect([stranger.code, domainCode(stranger)]).toEqual(["NOT_FOUND", "HOLD_NOT_FOUND"]);

    services.clock.advance(601_000);
    expect(await (await alice.call()).holds.mine({ eventId })).toEqual([]);
    const sweeper = startHoldSweeper(api.deps, { intervalMs: 20 });
    try {
      await expect
        .poll(async () => (await (await bob.call()).seats.map({ eventId })).seats.find((s) => s.id === rowA[0])?.status)
        .toBe("available");
    } finally {
      await sweeper.stop();
    }
    await (await bob.call()).holds.create({ eventId, seatIds: [rowA[0]!] });
  });

  test("when Redis loses every key, sold seats come back from Postgres and stay unholdable", async ({
    api,
    services,
  }) => {
    const { eventId, rowA } = await onSaleEvent(services.database.db);
    const { sql } = services.database;
    const alice = await api.fan();
    await (await alice.call()).holds.create({ eventId, seatIds: [rowA[5]!] });
    const [order] = await sql`
      insert into orders (user_id, event_id, hold_id, subtotal_cents, fees_cents, total_cents, currency)
      values (${alice.userId}, ${eventId}, 'x', 5000, 0, 5000, 'USD') returning id`;
    await sql`update event_seats set status = 'sold', order_id = ${order!.id} where seat_id = ${rowA[0]!}`;
    const before = await (await alice.call()).seats.map({ eventId });

    // Lose everything under this test's prefix (what FLUSHDB does to a real deployment).
    const victims = await services.redisStore.redis.keys("*");
    await services.redisStore.flush();
    expect(victims.length).toBeGreaterThan(0);
    services.clock.advance(1_000);

    const after = await (await alice.call()).seats.map({ eventId });
    expect(after.seq).toBeGreaterThan(before.seq);
    expect(after.seats.find((seat) => seat.id === rowA[0])?.status).toBe("sold");
    expect(after.seats.find((seat) => seat.id === rowA[5])?.status).toBe("available");
    const bob = await api.fan();
    const error = await failure((await bob.call()).holds.create({ eventId, seatIds: [rowA[0]!, rowA[1]!] }));
    expect(details(error)?.seatIds).toEqual([rowA[0]]);
  });
});

/**
 * The single-seat rule as a reference: does holding `chosen` (seat numbers 1..size of one row) over `taken` leave
 * a free seat alone that the fan could have avoided (its run of free seats was not exactly one seat longer than
 * the fan's seats in it)?
 */
function strandsAvoidably(size: number, taken: Set<number>, chosen: number[]): boolean {
  const free = (n: number, after: boolean) => n >= 1 && n <= size && !taken.has(n) && !(after && chosen.includes(n));
  for (const seat of chosen) {
    for (const alone of [seat - 1, seat + 1]) {
      if (!free(alone, true) || free(alone - 1, true) || free(alone + 1, true)) continue;
      let from = alone;
      while (free(from - 1, false)) from--;
      let to = alone;
      while (free(to + 1, false)) to++;
      const inRun = chosen.filter((n) => n >= from && n <= to).length;
      if (to - from + 1 - inRun !== 1) return true;
    }
  }
  return false;
}

describe("holds.create and the single-seat rule", () => {
  test("refuses hand-picked seats that leave one seat alone, naming it; allows it when the run cannot avoid it", async ({
    api,
    services,
  }) => {
    const { eventId, rowA, venue } = await onSaleEvent(services.database.db, { singleSeatRule: true });
    const fan = await api.fan();
    // Seats 2 and 4 of an empty row would leave 1 and 3 alone.
    const error = await failure((await fan.call()).holds.create({ eventId, seatIds: [rowA[1]!, rowA[3]!] }));
    expect([error.code, domainCode(error)]).toEqual(["CONFLICT", "LEAVES_SINGLE_SEAT"]);
    expect(error.message).toMatch(/^Section 101, row A, seat 1 would be left on its own/);
    expect(details(error)?.seatIds).toEqual([rowA[0]]);
    const map = await (await fan.call()).seats.map({ eventId });
    expect(map.seats.filter((seat) => seat.status !== "available")).toEqual([]);

    // Seats 1 and 2 leave no one alone.
    await (await fan.call()).holds.create({ eventId, seatIds: [rowA[0]!, rowA[1]!] });
    // Seat 4 would leave seat 3 alone between seat 2 (held) and seat 4.
    const alone = await failure((await fan.call()).holds.create({ eventId, seatIds: [rowA[3]!] }));
    expect(details(alone)?.seatIds).toEqual([rowA[2]]);

    // Row B: seats 4 to 8 taken by someone else, so its free run is 1–3: any two of them leave one alone.
    const rowB = venue.seats.filter((seat) => seat.row === "B").sort((a, b) => a.number - b.number).map((s) => s.id);
    const other = await api.fan();
    await (await other.call()).holds.create({ eventId, seatIds: rowB.slice(3) });
    const unavoidable = await (await fan.call()).holds.create({ eventId, seatIds: [rowB[0]!, rowB[2]!] });
    expect(unavoidable.seatIds).toEqual([rowB[0], rowB[2]]);
  });

  test("the organizer's switch turns the rule off for hand-picked seats", async ({ api, services }) => {
    const { eventId, rowA } = await onSaleEvent(services.database.db, { singleSeatRule: false });
    const hold = await (await (await api.fan()).call()).holds.create({ eventId, seatIds: [rowA[1]!, rowA[3]!] });
    expect(hold.seatIds).toHaveLength(2);
  });

  test("many fans picking pairs at once: every hold was legal against the seats taken just before it", async ({
    api,
    services,
  }) => {
    const { eventId, venue } = await onSaleEvent(services.database.db, { singleSeatRule: true });
    // Every test fan shares one address: let it hold the whole section.
    await services.database.sql`update events set held_seats_per_ip = 100 where id = ${eventId}`;
    const rows = ["A", "B", "C"].map((row) =>
      venue.seats.filter((seat) => seat.row === row).sort((a, b) => a.number - b.number),
    );
    const fans = await Promise.all(Array.from({ length: 16 }, (_, i) => api.fan(`Picker ${i}`)));
    // Each fan asks for two adjacent seats at a spread of positions (seat 2–3 of an empty row strands seat 1).
    const wanted = fans.map((_, i) => ({ row: i % 3, first: 1 + ((i * 5) % 7) }));
    const results = await Promise.allSettled(
      fans.map(async (fan, i) => {
        const { row, first } = wanted[i]!;
        const seatIds = [rows[row]![first - 1]!.id, rows[row]![first]!.id];
        return { ...(await (await fan.call()).holds.create({ eventId, seatIds })), ...wanted[i]! };
      }),
    );
    for (const result of results) {
      if (result.status === "rejected") {
        expect(["SEAT_UNAVAILABLE", "LEAVES_SINGLE_SEAT"]).toContain(domainCode(result.reason));
      }
    }
    const won = results.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
    expect(won.length).toBeGreaterThan(0);
    // Replay the holds in the order the hold script took them (their change sequence).
    const taken = rows.map(() => new Set<number>());
    for (const hold of won.sort((a, b) => a.seq - b.seq)) {
      const chosen = [hold.first, hold.first + 1];
      expect(strandsAvoidably(8, taken[hold.row]!, chosen), `row ${hold.row} seats ${chosen.join("+")}`).toBe(false);
      for (const n of chosen) taken[hold.row]!.add(n);
    }
  });
});
