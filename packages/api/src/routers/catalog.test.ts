import { createTestEvent, createTestVenue } from "@frontrow/db/testing";
import { describe, expect } from "vitest";
import { failure, test } from "../testing";

const DAY = 24 * 60 * 60 * 1000;

describe("events.list", () => {
  test("lists upcoming events in start order and pages through all of them without repeats", async ({
    api,
    services,
  }) => {
    const { db } = services.database;
    const now = services.clock.now().getTime();
    const { venueId } = await createTestVenue(db);
    const sameStart = new Date(now + 5 * DAY);
    const created = [];
    for (let i = 0; i < 7; i++) {
      // Three share a start time, so the id tie-break in the cursor matters.
      const startsAt = i < 3 ? sameStart : new Date(now + (10 - i) * DAY);
      created.push((await createTestEvent(db, { venueId, name: `Show ${i}`, startsAt })).eventId);
    }
    await createTestEvent(db, { venueId, name: "Last year", startsAt: new Date(now - 300 * DAY) });

    const caller = await api.client().call();
    const seen: string[] = [];
    const starts: number[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await caller.events.list({ limit: 3, cursor });
      seen.push(...page.items.map((item) => item.id));
      starts.push(...page.items.map((item) => item.startsAt.getTime()));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(new Set(seen)).toEqual(new Set(created));
    expect(seen).toHaveLength(7);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  test("searches name, performer, venue and city by every word; filters by category, venue and dates", async ({
    api,
    services,
  }) => {
    const { db } = services.database;
    const now = services.clock.now().getTime();
    const arena = await createTestVenue(db, { name: "Harbor Arena", city: "Portland" });
    const theatre = await createTestVenue(db, { name: "Rialto Theatre", city: "Tucson" });
    const rock = await createTestEvent(db, {
      venueId: arena.venueId,
      name: "Summer Tour",
      performer: "Neon Wolves",
      category: "concert",
      startsAt: new Date(now + 3 * DAY),
    });
    const play = await createTestEvent(db, {
      venueId: theatre.venueId,
      name: "Hamlet",
      performer: "City Players",
      category: "theatre",
      startsAt: new Date(now + 40 * DAY),
    });
    const caller = await api.client().call();
    const ids = async (input: Parameters<typeof caller.events.list>[0]) =>
      (await caller.events.list(input)).items.map((item) => item.id);

    expect(await ids({ q: "neon" })).toEqual([rock.eventId]);
    expect(await ids({ q: "WOLVES portland" })).toEqual([rock.eventId]);
    expect(await ids({ q: "wolves tucson" })).toEqual([]);
    expect(await ids({ q: "rialto" })).toEqual([play.eventId]);
    expect(await ids({ q: "100%_" })).toEqual([]);
    expect(await ids({ category: "theatre" })).toEqual([play.eventId]);
    expect(await ids({ venueId: arena.venueId })).toEqual([rock.eventId]);
    expect(await ids({ from: new Date(now + 10 * DAY) })).toEqual([play.eventId]);
    expect(await ids({ to: new Date(now + 10 * DAY) })).toEqual([rock.eventId]);
  });

  test("shows the status a fan should see", async ({ api, services }) => {
    const { db, sql } = services.database;
    const now = services.clock.now().getTime();
    const { venueId } = await createTestVenue(db);
    const later = (days: number) => new Date(now + days * DAY);
    const scheduled = await createTestEvent(db, { venueId, name: "Soon", status: "scheduled", onSaleAt: later(2), startsAt: later(9) });
    const opened = await createTestEvent(db, { venueId, name: "Opened", status: "scheduled", onSaleAt: later(-1), startsAt: later(9) });
    const soldOut = await createTestEvent(db, { venueId, name: "Gone", startsAt: later(9) });
    const cancelled = await createTestEvent(db, { venueId, name: "Off", status: "cancelled", startsAt: later(9) });
    await sql`update event_sections set sold_count = capacity where event_id = ${soldOut.eventId}`;

    const { items } = await (await api.client().call()).events.list({});
    const statusOf = (id: string) => items.find((item) => item.id === id)?.status;
    expect(statusOf(scheduled.eventId)).toBe("scheduled");
    expect(statusOf(opened.eventId)).toBe("on_sale");
    expect(statusOf(soldOut.eventId)).toBe("sold_out");
    expect(statusOf(cancelled.eventId)).toBe("cancelled");
    const gone = items.find((item) => item.id === soldOut.eventId);
    expect(gone).toMatchObject({ capacity: 10, available: 0, minPriceCents: 5_000 });
  });

  test("bad input is BAD_REQUEST, never a 500", async ({ api }) => {
    const caller = await api.client().call();
    expect((await failure(caller.events.list({ limit: 500 }))).code).toBe("BAD_REQUEST");
    expect((await failure(caller.events.list({ cursor: "garbage" }))).code).toBe("BAD_REQUEST");
    expect((await failure(caller.events.list({ venueId: "1; drop table events" }))).code).toBe("BAD_REQUEST");
    const backwards = await failure(caller.events.list({ from: new Date(2030, 1, 1), to: new Date(2029, 1, 1) }));
    expect(backwards.code).toBe("BAD_REQUEST");
    expect((await failure(caller.events.byId({ eventId: "nope" }))).code).toBe("BAD_REQUEST");
  });
});

describe("events.byId", () => {
  test("returns the venue, tiers and availability per section", async ({ api, services }) => {
    const { db, sql } = services.database;
    const venue = await createTestVenue(db, {
      sections: [
        { name: "101", rows: 3, seatsPerRow: 4 },
        { name: "Floor", generalAdmission: 500 },
      ],
    });
    const { eventId } = await createTestEvent(db, { venueId: venue.venueId, priceCents: 7_500 });
    await sql`update event_sections set sold_count = 120 where event_id = ${eventId} and capacity = 500`;

    const event = await (await api.client().call()).events.byId({ eventId });
    expect(event).toMatchObject({ id: eventId, capacity: 512, available: 392, status: "on_sale" });
    expect(event.venue).toMatchObject({ id: venue.venueId, name: "Test Hall" });
    expect(event.priceTiers).toEqual([expect.objectContaining({ name: "Standard", priceCents: 7_500 })]);
    expect(event.sections).toEqual([
      expect.objectContaining({ name: "101", kind: "reserved", capacity: 12, available: 12, priceCents: 7_500 }),
      expect.objectContaining({ name: "Floor", kind: "general_admission", capacity: 500, available: 380 }),
    ]);
    expect(event.waitingRoomSettings).toBeNull();
  });

  test("an unknown event is NOT_FOUND", async ({ api }) => {
    const error = await failure(
      (await api.client().call()).events.byId({ eventId: "00000000-0000-4000-8000-000000000000" }),
    );
    expect(error.code).toBe("NOT_FOUND");
  });
});

describe("venues", () => {
  test("lists venues with counts and returns one with its sections", async ({ api, services }) => {
    const venue = await createTestVenue(services.database.db, {
      name: "Grand Hall",
      sections: [
        { name: "Stalls", rows: 2, seatsPerRow: 10 },
        { name: "Pit", generalAdmission: 100 },
      ],
    });
    const caller = await api.client().call();
    expect(await caller.venues.list()).toEqual([
      { id: venue.venueId, name: "Grand Hall", city: "Springfield", sectionCount: 2, seatCount: 20 },
    ]);
    const detail = await caller.venues.byId({ venueId: venue.venueId });
    expect(detail.sections.map((section) => [section.name, section.kind, section.capacity])).toEqual([
      ["Stalls", "reserved", 20],
      ["Pit", "general_admission", 100],
    ]);
    expect((await failure(caller.venues.byId({ venueId: "00000000-0000-4000-8000-000000000000" }))).code).toBe(
      "NOT_FOUND",
    );
  });
});
