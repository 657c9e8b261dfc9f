import { createTestEvent, createTestVenue } from "@frontrow/db/testing";
import type { Sql } from "postgres";
import { describe, expect } from "vitest";
import { approvedCard, failure, signInOrganizer, test } from "../testing";

const DAY = 86_400_000;

/** Every table's rows, hashed: equal before and after a refused call when nothing at all was written. */
async function fingerprint(sql: Sql): Promise<Record<string, string>> {
  const tables = await sql<{ name: string }[]>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`;
  const hashes: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await sql<{ hash: string }[]>`
      select md5(coalesce(string_agg(t::text, ',' order by t::text), '')) as hash from ${sql(name)} t`;
    hashes[name] = row!.hash;
  }
  return hashes;
}

/** What a client is told: the field errors of a zod refusal, or the message of a domain refusal. */
function told(error: { message: string; cause?: unknown }): string {
  const issues = (error.cause as { issues?: Array<{ message: string }> } | undefined)?.issues;
  return issues ? issues.map((issue) => issue.message).join("; ") : error.message;
}

const forgedCursor = (id: string, startsAt = new Date().toISOString()) =>
  Buffer.from(JSON.stringify([startsAt, id])).toString("base64url");

const standing = (area: { x: number; y: number; width: number; height: number }) => ({
  kind: "general_admission" as const,
  name: "Floor",
  capacity: 100,
  area,
});

describe("bad input is a 400 with a clear message, and writes nothing", () => {
  test("every trigger found by fuzzing", async ({ api, services }) => {
    const { db, sql } = services.database;
    const admin = await signInOrganizer(api, sql);
    const fan = await api.fan();
    const venue = await createTestVenue(db, { sections: [{ name: "101", rows: 1, seatsPerRow: 4 }] });
    const { eventId } = await createTestEvent(db, { venueId: venue.venueId });
    const hold = await (await fan.call()).holds.create({ eventId, seatIds: [venue.seats[0]!.id] });
    const adminCaller = await admin.call();
    const event = await adminCaller.admin.events.byId({ eventId });
    const now = services.clock.now().getTime();
    const hall = {
      name: "Harbour Hall",
      city: "Portsmouth",
      timezone: "Europe/London",
      width: 100,
      height: 100,
      sections: [standing({ x: 10, y: 10, width: 50, height: 20 })],
    };
    const newEvent = {
      venueId: venue.venueId,
      name: "Opening Night",
      performer: "The Riverside Band",
      category: "concert" as const,
      startsAt: new Date(now + 7 * DAY),
      onSaleAt: new Date(now + DAY),
      tiers: [{ name: "All", priceCents: 5_000, color: "#2563eb", sectionIds: [venue.sections[0]!.id] }],
    };
    const edit = {
      eventId,
      name: event.name,
      performer: event.performer,
      category: event.category,
      description: event.description,
      startsAt: event.startsAt,
      onSaleAt: event.onSaleAt,
      tiers: event.tiers.map(({ ticketsSold: _sold, ...tier }) => tier),
    };
    const anonymous = await api.client().call();
    const caller = await fan.call();
    // Dates the transport delivers as they are, the way a hand-made request would send them.
    const as = <T>(value: unknown) => value as T;

    const cases: Array<[string, () => Promise<unknown>, RegExp]> = [
      ["events.list: NUL in q", () => anonymous.events.list({ q: "rock\0" }), /invalid character/],
      ["events.list: from +8.64e15", () => anonymous.events.list({ from: new Date(8.64e15) }), /between the years 1 and 9999/],
      ["events.list: to -8.64e15", () => anonymous.events.list({ to: new Date(-8.64e15) }), /between the years 1 and 9999/],
      ["events.list: from 0000-01-01", () => anonymous.events.list({ from: "0000-01-01" }), /between the years 1 and 9999/],
      ["events.list: cursor id of 36 dashes", () => anonymous.events.list({ cursor: forgedCursor("-".repeat(36)) }), /cursor is not valid/],
      [
        "events.list: cursor date in year 0",
        () => anonymous.events.list({ cursor: forgedCursor(eventId, "0000-01-01T00:00:00.000Z") }),
        /cursor is not valid/,
      ],
      [
        "checkout.complete: NUL in idempotencyKey",
        () => caller.checkout.complete({ holdId: hold.holdId, idempotencyKey: "key-\0-12345678", payment: approvedCard }),
        /invalid character/,
      ],
      [
        "checkout.complete: hold id of dashes",
        () => caller.checkout.complete({ holdId: `${"-".repeat(36)}.${"-".repeat(36)}`, idempotencyKey: "key-12345678", payment: approvedCard }),
        /Not a valid hold id/,
      ],
      [
        "auth.register: NUL in name",
        () => api.client().call().then((c) => c.auth.register({ email: "nul@example.com", password: "a long enough password", name: "Sam\0" })),
        /invalid character/,
      ],
      [
        "auth.register: NUL in email",
        () => api.client().call().then((c) => c.auth.register({ email: "nul\0@example.com", password: "a long enough password", name: "Sam" })),
        /invalid character/,
      ],
      ["admin.events.list: NUL in q", () => adminCaller.admin.events.list({ q: "\0" }), /invalid character/],
      ["admin.venues.create: lone surrogate in name", () => adminCaller.admin.venues.create({ ...hall, name: "Hall \uD83C" }), /invalid character/],
      ["admin.venues.create: NUL in city", () => adminCaller.admin.venues.create({ ...hall, city: "Ports\0mouth" }), /invalid character/],
      [
        "admin.venues.create: standing area of 1e40",
        () => adminCaller.admin.venues.create({ ...hall, sections: [standing({ x: 0, y: 0, width: 1e40, height: 1e40 })] }),
        /<=10000/,
      ],
      ["admin.venues.create: unknown time zone", () => adminCaller.admin.venues.create({ ...hall, timezone: "Mars/Olympus_Mons" }), /Not a time zone/],
      [
        "admin.venues.update: lone surrogate in name",
        () => adminCaller.admin.venues.update({ venueId: venue.venueId, name: "\uDE00 Hall", city: "X", address: "", timezone: "UTC" }),
        /invalid character/,
      ],
      [
        "admin.venues.addSections: standing area of 1e40",
        () => adminCaller.admin.venues.addSections({ venueId: venue.venueId, sections: [standing({ x: 1e40, y: 0, width: 1, height: 1 })] }),
        /<=10000/,
      ],
      ["admin.events.create: startsAt null", () => adminCaller.admin.events.create({ ...newEvent, startsAt: as(null) }), /Enter a date/],
      ["admin.events.create: onSaleAt true", () => adminCaller.admin.events.create({ ...newEvent, onSaleAt: as(true) }), /Enter a date/],
      [
        "admin.events.create: startsAt +8.64e15",
        () => adminCaller.admin.events.create({ ...newEvent, startsAt: new Date(8.64e15) }),
        /between the years 1 and 9999/,
      ],
      [
        "admin.events.create: doorsAt after startsAt",
        () => adminCaller.admin.events.create({ ...newEvent, doorsAt: new Date(now + 8 * DAY) }),
        /doors must open before the show/,
      ],
      ["admin.events.create: NUL in performer", () => adminCaller.admin.events.create({ ...newEvent, performer: "Band\0" }), /invalid character/],
      ["admin.events.update: lone surrogate in name", () => adminCaller.admin.events.update({ ...edit, name: "Night \uD83C" }), /invalid character/],
      ["admin.events.update: startsAt 0000-01-01", () => adminCaller.admin.events.update({ ...edit, startsAt: "0000-01-01" }), /between the years 1 and 9999/],
      ["admin.events.update: doorsAt null", () => adminCaller.admin.events.update({ ...edit, doorsAt: as(null) }), /Enter a date/],
      [
        "admin.events.update: doorsAt after startsAt",
        () => adminCaller.admin.events.update({ ...edit, doorsAt: new Date(event.startsAt.getTime() + 3_600_000) }),
        /doors must open before the show/,
      ],
    ];

    for (const [name, call, message] of cases) {
      const before = await fingerprint(sql);
      const error = await failure(call()).catch((thrown: unknown) => ({ code: "NO ERROR", message: String(thrown) }));
      expect.soft(error.code, name).toBe("BAD_REQUEST");
      expect.soft(told(error), name).toMatch(message);
      expect.soft(await fingerprint(sql), `${name}: nothing written`).toEqual(before);
    }
  });
});
