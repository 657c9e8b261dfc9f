import { describe, expect, it } from "vitest";
import { createTestDatabase } from "../testing";
import { isDatabaseEmpty, seedDemoData } from "./index";

interface SeatPoint {
  venue_id: string;
  x: number;
  y: number;
}

/** Pairs of seats in one venue closer than `minimum`, found through a grid of `minimum`-sized cells. */
function closePairs(seats: SeatPoint[], minimum: number): number {
  const cells = new Map<string, SeatPoint[]>();
  const cellOf = (seat: SeatPoint, dx = 0, dy = 0) =>
    `${seat.venue_id}|${Math.floor(seat.x / minimum) + dx}|${Math.floor(seat.y / minimum) + dy}`;
  let pairs = 0;
  for (const seat of seats) {
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const other of cells.get(cellOf(seat, dx, dy)) ?? []) {
          if ((seat.x - other.x) ** 2 + (seat.y - other.y) ** 2 < minimum ** 2) pairs++;
        }
      }
    }
    const key = cellOf(seat);
    const cell = cells.get(key);
    if (cell) cell.push(seat);
    else cells.set(key, [seat]);
  }
  return pairs;
}

describe("seedDemoData", () => {
  it("seeds the demo data of API.md into an empty database, fast", async () => {
    const database = await createTestDatabase();
    const { db, sql } = database;
    try {
      expect(await isDatabaseEmpty(db)).toBe(true);
      const summary = await seedDemoData(db, { passwordHash: "argon2-hash-placeholder-for-test" });
      expect(await isDatabaseEmpty(db)).toBe(false);
      console.info(`seeded ${summary.seats} seats, ${summary.eventSeats} event seats in ${summary.ms} ms`);

      const users = await sql`select email, role from users order by email`;
      expect(users).toHaveLength(22);
      expect(users.find((user) => user.email === "admin@frontrow.test")?.role).toBe("admin");
      expect(users.find((user) => user.email === "door@frontrow.test")?.role).toBe("scanner");
      expect(users.filter((user) => /^fan\d+@frontrow\.test$/.test(user.email))).toHaveLength(20);

      const venues = await sql`
        select v.name, v.width, v.height, count(s.id)::int as seats,
               count(*) filter (where s.accessible)::int as accessible,
               count(*) filter (where s.restricted_view)::int as restricted
        from venues v left join seats s on s.venue_id = v.id group by v.id order by seats desc`;
      expect(venues[0]?.seats).toBeGreaterThanOrEqual(15_000);
      expect(venues[0]?.accessible).toBeGreaterThan(0);
      expect(venues[0]?.restricted).toBeGreaterThan(0);
      expect(venues.length).toBeGreaterThanOrEqual(3);

      const [ga] = await sql`select capacity from sections where kind = 'general_admission'`;
      expect(ga?.capacity).toBeGreaterThan(0);

      // Seats lie inside their venue and never on top of each other.
      const outside = await sql`
        select count(*)::int as n from seats s join venues v on v.id = s.venue_id
        where s.x < 0 or s.y < 0 or s.x > v.width or s.y > v.height`;
      expect(outside[0]?.n).toBe(0);
      const seats = await sql`select venue_id, x, y from seats`;
      expect(closePairs(seats as unknown as SeatPoint[], 0.8)).toBe(0);
      const duplicates = await sql`
        select count(*)::int as n from (select 1 from seats group by section_id, row, number having count(*) > 1) d`;
      expect(duplicates[0]?.n).toBe(0);

      // Every event has inventory for every section and seat of its venue, and a price for each.
      const inventory = await sql`
        select e.name,
          (select count(*) from event_seats es where es.event_id = e.id)::int as event_seats,
          (select count(*) from seats s where s.venue_id = e.venue_id)::int as venue_seats,
          (select count(*) from event_sections es where es.event_id = e.id)::int as event_sections,
          (select count(*) from sections s where s.venue_id = e.venue_id)::int as venue_sections
        from events e`;
      expect(inventory.length).toBeGreaterThanOrEqual(6);
      for (const event of inventory) {
        expect(event.event_seats).toBe(event.venue_seats);
        expect(event.event_sections).toBe(event.venue_sections);
      }

      const now = new Date();
      const events = await sql`
        select e.category, e.status, e.on_sale_at, e.waiting_room_enabled, e.fairness_seed, e.fairness_seed_hash,
               e.search_text, exists (select 1 from sections s where s.venue_id = e.venue_id and s.kind = 'general_admission') as has_ga
        from events e`;
      expect(new Set(events.map((event) => event.category)).size).toBeGreaterThanOrEqual(5);
      const onSale = events.filter((event) => event.status === "on_sale" && new Date(event.on_sale_at) <= now);
      expect(onSale.some((event) => !event.waiting_room_enabled)).toBe(true);
      expect(onSale.some((event) => event.waiting_room_enabled)).toBe(true);
      expect(events.some((event) => event.status === "scheduled" && new Date(event.on_sale_at) > now)).toBe(true);
      expect(events.some((event) => event.has_ga)).toBe(true);
      for (const event of events.filter((event) => event.waiting_room_enabled)) {
        const { createHash } = await import("node:crypto");
        expect(createHash("sha256").update(event.fairness_seed).digest("hex")).toBe(event.fairness_seed_hash);
      }
      expect(events.every((event) => event.search_text === event.search_text.toLowerCase())).toBe(true);
    } finally {
      await database.drop();
    }
  });
});
