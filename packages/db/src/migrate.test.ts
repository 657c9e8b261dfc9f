import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { describe, expect, it } from "vitest";
import { maintenanceUrl, prepareDatabase, quoteIdent } from "./migrate";
import { testServerUrl } from "./testing";

describe("prepareDatabase", () => {
  it("lets several instances start at once on a missing database: created once, migrated once, seeded once", async () => {
    const url = new URL(testServerUrl);
    url.pathname = `/frontrow_start_${randomBytes(5).toString("hex")}`;
    const seeded: number[] = [];
    try {
      await Promise.all(
        Array.from({ length: 4 }, (_, instance) =>
          prepareDatabase(url.toString(), {
            seed: async (db) => {
              const [row] = await db.execute<{ n: number }>(sql`select count(*)::int as n from venues`);
              if (row?.n) return;
              // Slow enough that an unlocked second instance would see the table still empty.
              await new Promise((resolve) => setTimeout(resolve, 100));
              await db.execute(sql`insert into venues (name, city, width, height) values ('Only once', 'X', 1, 1)`);
              seeded.push(instance);
            },
          }),
        ),
      );
      expect(seeded).toHaveLength(1);
      const check = postgres(url.toString(), { max: 1 });
      try {
        const [{ n }] = (await check`select count(*)::int as n from venues`) as unknown as [{ n: number }];
        expect(n).toBe(1);
        const migrations = await check`select count(*)::int as n from drizzle.__drizzle_migrations`;
        expect(migrations[0]?.n).toBeGreaterThanOrEqual(2);
      } finally {
        await check.end();
      }
    } finally {
      const admin = postgres(maintenanceUrl(url.toString()), { max: 1, onnotice: () => {} });
      await admin.unsafe(`drop database if exists ${quoteIdent(url.pathname.slice(1))} with (force)`);
      await admin.end();
    }
  });
});
