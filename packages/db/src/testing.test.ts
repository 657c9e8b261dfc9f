import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createTestDatabase } from "./testing";

describe("createTestDatabase", () => {
  it("gives each caller its own migrated, empty database", async () => {
    const [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
    try {
      expect(a.name).not.toBe(b.name);
      await a.db.execute(sql`insert into venues (name, city, width, height) values ('A', 'X', 10, 10)`);
      const [inA] = await a.sql`select count(*)::int as n from venues`;
      const [inB] = await b.sql`select count(*)::int as n from venues`;
      expect(inA?.n).toBe(1);
      expect(inB?.n).toBe(0);
    } finally {
      await Promise.all([a.drop(), b.drop()]);
    }
  });
});
