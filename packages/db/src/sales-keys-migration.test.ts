import { randomBytes, randomUUID } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { createDb } from "./client";
import { ensureDatabase, maintenanceUrl, migrationsFolder, quoteIdent, runMigrations } from "./migrate";
import { createTestEvent, createTestVenue } from "./test-factories";
import { testServerUrl } from "./testing";

const SALES_KEYS = "0007_sales_keyed_by_event";

/** The migrations folder as it was before `tag`: the SQL files stay, the journal stops just before it. */
function migrationsBefore(tag: string): string {
  const folder = mkdtempSync(path.join(tmpdir(), "frontrow-migrations-"));
  cpSync(migrationsFolder(), folder, { recursive: true });
  const journalFile = path.join(folder, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalFile, "utf8")) as { entries: Array<{ tag: string; idx: number }> };
  const cut = journal.entries.findIndex((entry) => entry.tag === tag);
  expect(cut).toBeGreaterThan(0);
  writeFileSync(journalFile, JSON.stringify({ ...journal, entries: journal.entries.slice(0, cut) }));
  return folder;
}

describe(`migration ${SALES_KEYS}`, () => {
  it("keys the sales of a database that already has some by event, and keeps every order's rows together", async () => {
    const url = new URL(testServerUrl);
    url.pathname = `/frontrow_keys_${randomBytes(5).toString("hex")}`;
    const folder = migrationsBefore(SALES_KEYS);
    const handle = createDb(url.toString(), { max: 2 });
    try {
      await ensureDatabase(url.toString());
      await migrate(handle.db, { migrationsFolder: folder });
      const { sql, db } = handle;
      const venue = await createTestVenue(db, { sections: [{ name: "A", rows: 1, seatsPerRow: 4 }] });
      // In SQL of the schema as it was then: the event factory writes every column of today's schema.
      const eventId = randomUUID();
      const tierId = randomUUID();
      await sql`insert into events (id, venue_id, name, performer, category, starts_at, on_sale_at, status, search_text)
        values (${eventId}, ${venue.venueId}, 'Keys', 'The Keys', 'concert', now() + interval '30 days',
                now() - interval '1 hour', 'on_sale', 'keys')`;
      await sql`insert into price_tiers (id, event_id, name, price_cents, color)
        values (${tierId}, ${eventId}, 'Standard', 100, '#3366ff')`;
      await sql`insert into event_sections (event_id, section_id, tier_id, capacity)
        select ${eventId}, id, ${tierId}, capacity from sections where venue_id = ${venue.venueId}`;
      await sql`insert into event_seats (event_id, seat_id, section_id, tier_id)
        select ${eventId}, id, section_id, ${tierId} from seats where venue_id = ${venue.venueId}`;
      const [user] = await sql<[{ id: string }]>`
        insert into users (email, name, password_hash) values ('keys@example.com', 'Keys', 'x') returning id`;
      const [order] = await sql<[{ id: string }]>`
        insert into orders (user_id, event_id, hold_id, subtotal_cents, fees_cents, total_cents, currency)
        values (${user.id}, ${eventId}, 'hold-1', 100, 0, 100, 'USD') returning id`;
      const seat = venue.seats[0]!;
      await sql`update event_seats set status = 'sold', order_id = ${order.id} where event_id = ${eventId} and seat_id = ${seat.id}`;
      await sql`insert into tickets (order_id, event_id, section_id, seat_id, tier_id, price_cents, code, signature)
        values (${order.id}, ${eventId}, ${seat.sectionId}, ${seat.id}, ${tierId}, 100, 'CODE1', 'sig')`;
      await sql`insert into payments (user_id, order_id, provider, provider_ref, amount_cents, currency, status, card_last4)
        values (${user.id}, ${order.id}, 'test', 'ref-1', 100, 'USD', 'captured', '4242')`;
      await sql`insert into idempotency_keys (user_id, key, request_hash, status, order_id)
        values (${user.id}, 'done', 'h1', 'completed', ${order.id}), (${user.id}, 'running', 'h2', 'in_progress', null)`;

      await runMigrations(url.toString());

      expect(await sql`select event_id from payments`).toEqual([{ event_id: eventId }]);
      expect(await sql`select key, event_id from idempotency_keys order by key`).toEqual([
        { key: "done", event_id: eventId },
        { key: "running", event_id: null },
      ]);
      const keyColumns = await sql<Array<{ table: string; columns: string }>>`
        select c.conrelid::regclass::text as table, string_agg(a.attname, ',' order by k.n) as columns
        from pg_constraint c, unnest(c.conkey) with ordinality k(attnum, n)
        join pg_attribute a on a.attnum = k.attnum
        where c.contype = 'p' and a.attrelid = c.conrelid
          and c.conrelid::regclass::text in ('orders', 'tickets', 'payments', 'event_seats', 'event_sections')
        group by 1 order by c.conrelid::regclass::text collate "C"`;
      expect(keyColumns).toEqual([
        { table: "event_seats", columns: "event_id,seat_id" },
        { table: "event_sections", columns: "event_id,section_id" },
        { table: "orders", columns: "event_id,id" },
        { table: "payments", columns: "event_id,id" },
        { table: "tickets", columns: "event_id,id" },
      ]);
      // A ticket, payment or sold seat can only name an order of its own event.
      const { eventId: otherEventId } = await createTestEvent(db, { venueId: venue.venueId });
      await expect(
        sql`insert into payments (user_id, event_id, order_id, provider, provider_ref, amount_cents, currency, status, card_last4)
          values (${user.id}, ${otherEventId}, ${order.id}, 'test', 'ref-2', 100, 'USD', 'captured', '4242')`,
      ).rejects.toThrow(/payments_order_fk/);
    } finally {
      await handle.close();
      rmSync(folder, { recursive: true, force: true });
      const admin = postgres(maintenanceUrl(url.toString()), { max: 1, onnotice: () => {} });
      await admin.unsafe(`drop database if exists ${quoteIdent(url.pathname.slice(1))} with (force)`);
      await admin.end();
    }
  });
});
