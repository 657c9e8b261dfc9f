import { createTestEvent, createTestVenue } from "@frontrow/db/testing";
import type { Sql } from "postgres";
import { describe, expect, vi } from "vitest";
import { arenaRingSections } from "../admin-test-helpers";
import type { TestServices } from "@frontrow/core/testing";
import { approvedCard, domainCode, failure, listenForEventUpdate, signInOrganizer, startOtherInstance, test, type ApiHarness } from "../testing";

const hall = {
  name: "Harbour Hall",
  city: "Portsmouth",
  address: "1 Quay Street",
  timezone: "Europe/London",
  width: 100,
  height: 100,
  sections: [
    {
      kind: "reserved" as const,
      name: "Stalls",
      shape: "straight" as const,
      rows: 3,
      seatsPerRow: 8,
      origin: { x: 50, y: 20 },
      facingDegrees: -90,
    },
    {
      kind: "general_admission" as const,
      name: "Floor",
      capacity: 120,
      area: { x: 20, y: 40, width: 60, height: 20 },
    },
  ],
};

const balcony = {
  kind: "reserved" as const,
  name: "Balcony",
  shape: "straight" as const,
  rows: 2,
  seatsPerRow: 5,
  origin: { x: 50, y: 80 },
  facingDegrees: -90,
};
const terrace = {
  kind: "general_admission" as const,
  name: "Terrace",
  capacity: 30,
  area: { x: 5, y: 85, width: 20, height: 10 },
};

async function layoutVersion(sql: Sql, venueId: string) {
  const [row] = await sql<
    { layout_version: number }[]
  >`select layout_version from venues where id = ${venueId}`;
  return row!.layout_version;
}

/** An organizer's caller, and a venue of two 4-seat rows (Stalls, Circle) and a standing Floor with an event, Matinee. */
async function matineeAtThreeSections(api: ApiHarness, services: TestServices) {
  const { sql, db } = services.database;
  const caller = await (await signInOrganizer(api, sql)).call();
  const venue = await createTestVenue(db, {
    sections: [
      { name: "Stalls", rows: 1, seatsPerRow: 4 },
      { name: "Circle", rows: 1, seatsPerRow: 4 },
      { name: "Floor", generalAdmission: 20 },
    ],
  });
  const { eventId } = await createTestEvent(db, { venueId: venue.venueId, name: "Matinee" });
  const [stalls, circle, floor] = venue.sections.map((section) => section.id) as [string, string, string];
  return { sql, caller, venue, eventId, stalls, circle, floor };
}

describe("admin venues", () => {
  test("fans are refused every venue procedure, anonymous callers are asked to sign in", async ({
    api,
    services,
  }) => {
    const venue = await createTestVenue(services.database.db);
    const fan = await api.fan();
    for (const client of [fan, api.client()]) {
      const caller = await client.call();
      const errors = await Promise.all([
        failure(caller.admin.venues.list()),
        failure(caller.admin.venues.byId({ venueId: venue.venueId })),
        failure(
          caller.admin.venues.update({
            venueId: venue.venueId,
            name: "Mine",
            city: "X",
            address: "",
            timezone: "UTC",
          }),
        ),
        failure(caller.admin.venues.addSections({ venueId: venue.venueId, sections: [terrace] })),
        failure(caller.admin.venues.removeSection({ sectionId: venue.sections[0]!.id })),
      ]);
      expect(errors.map((error) => error.code)).toEqual(
        Array(5).fill(client === fan ? "FORBIDDEN" : "UNAUTHORIZED"),
      );
    }
    expect(await services.database.sql`select name from venues`).toEqual([{ name: "Test Hall" }]);
  });

  test("list counts sections, seats, standing places and upcoming events; byId has every seat with its marks", async ({
    api,
    services,
  }) => {
    const { sql, db } = services.database;
    const caller = await (await signInOrganizer(api, sql)).call();
    expect(await caller.admin.venues.list()).toEqual([]);
    const { venueId } = await caller.admin.venues.create(hall);
    const now = services.clock.now().getTime();
    await createTestEvent(db, { venueId, name: "Next Week", startsAt: new Date(now + 7 * 86_400_000) });
    await createTestEvent(db, {
      venueId,
      name: "Over",
      status: "ended",
      startsAt: new Date(now + 86_400_000),
    });
    await createTestEvent(db, { venueId, name: "Last Year", startsAt: new Date(now - 365 * 86_400_000) });
    const other = await createTestVenue(db, { name: "Annex" });

    const list = await caller.admin.venues.list();
    expect(list.map((venue) => venue.name)).toEqual(["Annex", "Harbour Hall"]);
    expect(list[1]).toMatchObject({
      id: venueId,
      city: "Portsmouth",
      sectionCount: 2,
      seatCount: 24,
      standingCapacity: 120,
      upcomingEvents: 1,
    });
    expect(list[0]).toMatchObject({
      id: other.venueId,
      seatCount: 10,
      standingCapacity: 0,
      upcomingEvents: 0,
    });

    const stalls = (await caller.admin.venues.byId({ venueId })).sections[0]!;
    const seatIds = (
      await sql<
        { id: string }[]
      >`select id from seats where section_id = ${stalls.id} order by row, number limit 2`
    ).map((seat) => seat.id);
    await caller.admin.venues.setSeatAttributes({ venueId, seatIds: [seatIds[0]!], accessible: true });
    await caller.admin.venues.setSeatAttributes({ venueId, seatIds: [seatIds[1]!], blocked: true });

    const venue = await caller.admin.venues.byId({ venueId });
    expect(venue.venue).toMatchObject({
      name: "Harbour Hall",
      address: "1 Quay Street",
      timezone: "Europe/London",
      width: 100,
      height: 100,
    });
    expect(
      venue.sections.map((section) => [section.name, section.kind, section.capacity, section.sold]),
    ).toEqual([
      ["Stalls", "reserved", 24, 0],
      ["Floor", "general_admission", 120, 0],
    ]);
    expect(venue.sections[1]!.outline).toMatch(/^M/);
    expect(venue.seats).toHaveLength(24);
    expect(venue.seats.find((seat) => seat.id === seatIds[0])).toMatchObject({
      row: "A",
      number: 1,
      accessible: true,
      blocked: false,
    });
    expect(venue.seats.find((seat) => seat.id === seatIds[1])).toMatchObject({
      row: "A",
      number: 2,
      blocked: true,
    });
    // Past its start but not ended: it still follows the layout, so the editor names it.
    expect(venue.events.map((event) => event.name)).toEqual(["Last Year", "Next Week"]);

    const missing = await failure(
      caller.admin.venues.byId({ venueId: "00000000-0000-4000-8000-000000000000" }),
    );
    expect([missing.code, missing.message]).toEqual(["NOT_FOUND", "This venue does not exist"]);
  });

  test("details are edited and audited; events are found by the new name; an unknown time zone is refused", async ({
    api,
    services,
  }) => {
    const { sql, db } = services.database;
    const admin = await signInOrganizer(api, sql);
    const caller = await admin.call();
    const { venueId } = await caller.admin.venues.create(hall);
    const { eventId } = await createTestEvent(db, { venueId, name: "Sea Shanties" });
    const updates: string[] = [];
    const unsubscribe = await api.deps.eventUpdates.subscribe(eventId, (update) =>
      updates.push(update.reason),
    );

    const updated = await caller.admin.venues.update({
      venueId,
      name: "Lighthouse Arena",
      city: "Southsea",
      address: "",
      timezone: "Europe/London",
    });
    expect(updated).toEqual({
      id: venueId,
      name: "Lighthouse Arena",
      city: "Southsea",
      address: "",
      timezone: "Europe/London",
    });
    const found = await (await api.client().call()).events.list({ q: "lighthouse southsea" });
    expect(found.items.map((item) => [item.id, item.venue.name])).toEqual([[eventId, "Lighthouse Arena"]]);
    expect((await (await api.client().call()).events.list({ q: "harbour" })).items).toEqual([]);
    await vi.waitFor(() => expect(updates).toEqual(["details"]));
    unsubscribe();

    const [entry] = await caller.admin.audit.list({ subjectId: venueId });
    expect(entry).toMatchObject({
      action: "venue.update",
      details: {
        name: { from: "Harbour Hall", to: "Lighthouse Arena" },
        city: { from: "Portsmouth", to: "Southsea" },
        address: { from: "1 Quay Street", to: "" },
      },
    });
    expect(entry!.actor.name).toBe("Organizer");

    const badZone = await failure(
      caller.admin.venues.update({ venueId, name: "X", city: "Y", address: "", timezone: "Mars/Olympus" }),
    );
    expect(badZone.code).toBe("BAD_REQUEST");
    expect(badZone.message).toMatch(/Not a time zone we know/);
    const noName = await failure(
      caller.admin.venues.update({ venueId, name: " ", city: "Y", address: "", timezone: "UTC" }),
    );
    expect(noName.message).toMatch(/Name the venue/);
    expect((await caller.admin.venues.byId({ venueId })).venue.name).toBe("Lighthouse Arena");
  });

  test("added sections join live events at their first tier (ended events keep theirs) and fans can hold them", async ({
    api,
    services,
  }) => {
    const { sql, db } = services.database;
    const caller = await (await signInOrganizer(api, sql)).call();
    const { venueId } = await caller.admin.venues.create(hall);
    const live = await createTestEvent(db, { venueId, name: "Live" });
    const ended = await createTestEvent(db, { venueId, name: "Ended", status: "ended" });
    await sql`insert into price_tiers (event_id, name, price_cents, color, sort_order) values (${live.eventId}, 'Premium', 9000, '#b91c1c', 5)`;
    const fan = await api.fan();
    // The event's inventory is in Redis before the new sections arrive.
    const before = await (await fan.call()).seats.map({ eventId: live.eventId });
    expect(before.seats).toHaveLength(24);
    const version = await layoutVersion(sql, venueId);
    const updates: string[] = [];
    const unsubscribe = await api.deps.eventUpdates.subscribe(live.eventId, (update) =>
      updates.push(update.reason),
    );

    const added = await caller.admin.venues.addSections({ venueId, sections: [balcony, terrace] });
    expect(added).toMatchObject({ seatCount: 10, eventIds: [live.eventId] });
    expect(await layoutVersion(sql, venueId)).toBe(version + 1);
    // Fans watching the live event are told to reload it.
    await vi.waitFor(() => expect(updates).toEqual(["inventory"]));
    unsubscribe();

    const venue = await caller.admin.venues.byId({ venueId });
    expect(venue.sections.map((section) => section.name)).toEqual(["Stalls", "Floor", "Balcony", "Terrace"]);
    const map = await (await fan.call()).seats.map({ eventId: live.eventId });
    const balconySeats = map.seats.filter((seat) => seat.sectionId === added.sectionIds[0]);
    expect(balconySeats).toHaveLength(10);
    const standard = map.tiers.find((tier) => tier.name === "Standard")!;
    expect(new Set(balconySeats.map((seat) => seat.tierId))).toEqual(new Set([standard.id]));
    expect(map.sections.find((section) => section.id === added.sectionIds[1])).toMatchObject({
      name: "Terrace",
      capacity: 30,
    });
    const [{ n: endedSeats }] =
      (await sql`select count(*)::int as n from event_seats where event_id = ${ended.eventId}`) as unknown as [
        { n: number },
      ];
    expect(endedSeats).toBe(24);

    const seatHold = await (
      await fan.call()
    ).holds.create({ eventId: live.eventId, seatIds: [balconySeats[0]!.id] });
    expect(seatHold.seatIds).toEqual([balconySeats[0]!.id]);
    const standingHold = await (
      await fan.call()
    ).holds.create({ eventId: live.eventId, sections: [{ sectionId: added.sectionIds[1]!, quantity: 3 }] });
    expect(standingHold.sections).toEqual([{ sectionId: added.sectionIds[1], quantity: 3 }]);

    const [entry] = await caller.admin.audit.list({ subjectId: venueId });
    expect(entry).toMatchObject({
      action: "venue.add_sections",
      details: { sections: ["Balcony", "Terrace"], seats: 10, events: ["Live"] },
    });
  });

  test("added sections are refused with a reason when a name is taken or a seat falls off the map", async ({
    api,
    services,
  }) => {
    const { sql } = services.database;
    const caller = await (await signInOrganizer(api, sql)).call();
    const { venueId } = await caller.admin.venues.create(hall);
    const version = await layoutVersion(sql, venueId);

    const taken = await failure(
      caller.admin.venues.addSections({ venueId, sections: [balcony, { ...terrace, name: "Stalls" }] }),
    );
    expect([taken.code, taken.message]).toEqual([
      "BAD_REQUEST",
      'This venue already has a section named "Stalls"',
    ]);
    const offMap = await failure(
      caller.admin.venues.addSections({ venueId, sections: [{ ...balcony, seatsPerRow: 150 }] }),
    );
    expect(offMap.message).toMatch(/^Section Balcony: row A seat 1 falls outside the 100 × 100 map$/);
    const twice = await failure(caller.admin.venues.addSections({ venueId, sections: [balcony, balcony] }));
    expect(twice.message).toBe('Two sections are named "Balcony"');
    const empty = await failure(caller.admin.venues.addSections({ venueId, sections: [] }));
    expect(empty.code).toBe("BAD_REQUEST");

    expect((await caller.admin.venues.byId({ venueId })).sections).toHaveLength(2);
    expect(await layoutVersion(sql, venueId)).toBe(version);
  });

  test("a section is removed from the venue and its events unless a place in it is sold, held, or it is the last", async ({
    api,
    services,
  }) => {
    const { sql, caller, venue, eventId, stalls, circle, floor } = await matineeAtThreeSections(api, services);
    const { db } = services.database;
    const fan = await api.fan();
    const sold = await (await fan.call()).holds.create({ eventId, seatIds: [venue.seats[0]!.id] });
    await (
      await fan.call()
    ).checkout.complete({ holdId: sold.holdId, idempotencyKey: "remove-section-sold", payment: approvedCard });
    await (await fan.call()).holds.create({ eventId, sections: [{ sectionId: floor, quantity: 2 }] });
    const version = await layoutVersion(sql, venue.venueId);

    const soldRefusal = await failure(caller.admin.venues.removeSection({ sectionId: stalls }));
    expect([soldRefusal.code, domainCode(soldRefusal), soldRefusal.message]).toEqual([
      "BAD_REQUEST",
      "INVALID_INPUT",
      "1 place in Stalls is sold for Matinee: the section cannot be removed",
    ]);
    const heldRefusal = await failure(caller.admin.venues.removeSection({ sectionId: floor }));
    expect(heldRefusal.message).toBe(
      "Fans are holding places in Floor for Matinee right now: try again once their holds end",
    );
    expect(await layoutVersion(sql, venue.venueId)).toBe(version);

    expect(await caller.admin.venues.removeSection({ sectionId: circle })).toEqual({
      sectionId: circle,
      removedSeats: 4,
      eventIds: [eventId],
    });
    expect(await layoutVersion(sql, venue.venueId)).toBe(version + 1);
    const map = await (await fan.call()).seats.map({ eventId });
    expect(map.sections.map((section) => section.name)).toEqual(["Stalls", "Floor"]);
    expect(map.seats).toHaveLength(4);
    expect(await sql`select count(*)::int as n from seats where section_id = ${circle}`).toEqual([{ n: 0 }]);
    const [entry] = await caller.admin.audit.list({ subjectId: venue.venueId });
    expect(entry).toMatchObject({
      action: "venue.remove_section",
      details: { section: "Circle", kind: "reserved", capacity: 4 },
    });

    const lonely = await createTestVenue(db, {
      name: "Booth",
      sections: [{ name: "Only", rows: 1, seatsPerRow: 2 }],
    });
    const last = await failure(caller.admin.venues.removeSection({ sectionId: lonely.sections[0]!.id }));
    expect(last.message).toBe("Only is the venue's only section: add another one first");
    const unknown = await failure(
      caller.admin.venues.removeSection({ sectionId: "00000000-0000-4000-8000-000000000000" }),
    );
    expect(unknown.code).toBe("NOT_FOUND");
  });

  test("a seat or section whose ticket was cancelled is refused removal with a reason, not a failed query (500)", async ({
    api,
    services,
  }) => {
    const { sql, caller, venue, eventId, stalls, floor } = await matineeAtThreeSections(api, services);
    const fan = await api.fan();
    const requests: Array<[string, Parameters<Awaited<ReturnType<typeof fan.call>>["holds"]["create"]>[0]]> = [
      ["cancelled-seat", { eventId, seatIds: [venue.seats[0]!.id] }],
      ["cancelled-standing", { eventId, sections: [{ sectionId: floor, quantity: 1 }] }],
    ];
    for (const [key, request] of requests) {
      const hold = await (await fan.call()).holds.create(request);
      const { order } = await (await fan.call()).checkout.complete({ holdId: hold.holdId, idempotencyKey: key, payment: approvedCard });
      await (await fan.call()).orders.cancel({ orderId: order.id });
    }
    const version = await layoutVersion(sql, venue.venueId);

    const seat = await failure(caller.admin.venues.removeSeats({ venueId: venue.venueId, seatIds: [venue.seats[0]!.id] }));
    expect([seat.code, domainCode(seat), seat.message]).toEqual([
      "BAD_REQUEST",
      "INVALID_INPUT",
      "Section Stalls, row A, seat 1 is on a cancelled ticket for Matinee: orders keep their seats, so it cannot be removed",
    ]);
    for (const [sectionId, name] of [
      [stalls, "Stalls"],
      [floor, "Floor"],
    ] as const) {
      const section = await failure(caller.admin.venues.removeSection({ sectionId }));
      expect([section.code, section.message]).toEqual([
        "BAD_REQUEST",
        `${name} has cancelled tickets for Matinee: orders keep their places, so the section cannot be removed`,
      ]);
    }
    expect(await layoutVersion(sql, venue.venueId)).toBe(version);
    expect(await caller.admin.venues.removeSeats({ venueId: venue.venueId, seatIds: [venue.seats[1]!.id] })).toEqual({ removed: 1 });
  });

  test("20,000 seats generated and added to a venue with a live event are stored for the venue and the event", async ({
    api,
    services,
  }) => {
    const { sql, db } = services.database;
    const caller = await (await signInOrganizer(api, sql)).call();
    const { venueId } = await caller.admin.venues.create({
      name: "Mega Dome",
      city: "Springfield",
      width: 600,
      height: 600,
      sections: [
        {
          kind: "general_admission",
          name: "Floor",
          capacity: 2_000,
          area: { x: 250, y: 250, width: 100, height: 100 },
        },
      ],
    });
    const { eventId } = await createTestEvent(db, { venueId });
    // 40 curved sections of 25 rows around the floor, in two rings.
    const added = await caller.admin.venues.addSections({ venueId, sections: arenaRingSections() });
    expect(added.seatCount).toBeGreaterThanOrEqual(20_000);

    const venue = await caller.admin.venues.byId({ venueId });
    expect(venue.seats).toHaveLength(added.seatCount);
    expect(venue.sections).toHaveLength(41);
    expect(new Set(venue.seats.map((seat) => seat.id)).size).toBe(added.seatCount);
    const [{ n }] =
      (await sql`select count(*)::int as n from event_seats where event_id = ${eventId}`) as unknown as [
        { n: number },
      ];
    expect(n).toBe(added.seatCount);
    const [listed] = await caller.admin.venues.list();
    expect(listed).toMatchObject({ seatCount: added.seatCount, sectionCount: 41, standingCapacity: 2_000 });
  });

  test("a standing area resized or added through one instance shows on a fan's map on another, and its places can be held", async ({
    api,
    services,
  }) => {
    const { sql, db } = services.database;
    const venue = await createTestVenue(db, {
      sections: [
        { name: "Stalls", rows: 1, seatsPerRow: 4 },
        { name: "Floor", generalAdmission: 20 },
      ],
    });
    const { eventId } = await createTestEvent(db, { venueId: venue.venueId });
    const floor = venue.sections.find((section) => section.name === "Floor")!.id;
    const caller = await (await signInOrganizer(api, sql)).call();
    const other = startOtherInstance(services);
    try {
      const fan = other.client();
      const availableBySection = async () => {
        const map = await (await fan.call()).seats.map({ eventId });
        return { seq: map.seq, available: Object.fromEntries(map.sections.map((section) => [section.name, section.available])) };
      };
      // The fan's instance caches the map as it is now.
      const before = await availableBySection();
      expect(before.available).toEqual({ Stalls: 4, Floor: 20 });

      const resized = await listenForEventUpdate(other.deps.eventUpdates, eventId);
      await caller.admin.venues.resizeSection({ sectionId: floor, capacity: 35 });
      await resized.heard;
      const afterResize = await availableBySection();
      expect(afterResize.available).toEqual({ Stalls: 4, Floor: 35 });
      // Holds follow the capacity at once: Redis's count of free places moved with it.
      await caller.admin.venues.resizeSection({ sectionId: floor, capacity: 5 });
      const holder = await (await other.fan()).call();
      const tooMany = await failure(holder.holds.create({ eventId, sections: [{ sectionId: floor, quantity: 6 }] }));
      expect(domainCode(tooMany)).toBe("SEAT_UNAVAILABLE");
      await holder.holds.create({ eventId, sections: [{ sectionId: floor, quantity: 5 }] });
      const afterHold = await availableBySection();
      expect(afterHold.available).toEqual({ Stalls: 4, Floor: 0 });

      // Adding a section changes no seat (the seq stays), yet the cached map shows it.
      const added = await listenForEventUpdate(other.deps.eventUpdates, eventId);
      await caller.admin.venues.addSections({ venueId: venue.venueId, sections: [terrace] });
      await added.heard;
      expect(await availableBySection()).toEqual({ seq: afterHold.seq, available: { Stalls: 4, Floor: 0, Terrace: 30 } });
    } finally {
      await other.close();
    }
  });
});
