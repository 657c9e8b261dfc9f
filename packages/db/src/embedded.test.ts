import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, describe, expect, test } from "vitest";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "./embedded";
import { runMigrations } from "./migrate";

describe("embedded Postgres (PGlite through pglite-socket)", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "frontrow-pglite-"));
  const open: EmbeddedPostgres[] = [];
  afterAll(async () => {
    await Promise.all(open.map((embedded) => embedded.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  test("runs the migrations and keeps its data in the folder across a restart", async () => {
    const first = await startEmbeddedPostgres(path.join(dir, "kept"));
    open.push(first);
    await runMigrations(first.url);
    const sql = postgres(first.url, { max: 1, onnotice: () => {} });
    await sql`insert into venues (name, city, width, height) values ('Kept Hall', 'Porto', 100, 80)`;
    await sql.end();
    await first.close();
    open.pop();

    const second = await startEmbeddedPostgres(path.join(dir, "kept"));
    open.push(second);
    const again = postgres(second.url, { max: 1, onnotice: () => {} });
    expect(await again`select name from venues`).toEqual([{ name: "Kept Hall" }]);
    await again.end();
  }, 120_000);

  test("many connections at once each get their own statement's rows, and a transaction excludes the others", async () => {
    const embedded = await startEmbeddedPostgres(path.join(dir, "concurrent"));
    open.push(embedded);
    // Every connection sends Parse/Bind/Execute/Sync with the unnamed statement of the one PGlite session: the
    // socket server must not let another connection's Parse in between (see the pglite-socket patch).
    const pools = Array.from({ length: 8 }, () => postgres(embedded.url, { max: 1, onnotice: () => {} }));
    try {
      const answers = await Promise.all(
        pools.flatMap((sql, pool) =>
          Array.from({ length: 40 }, async (_, i) => {
            const [row] =
              await sql`select ${pool}::int as pool, ${i}::int as i, ${"x".repeat(i)}::text as text`;
            return row!.pool === pool && row!.i === i && row!.text === "x".repeat(i);
          }),
        ),
      );
      expect(answers.filter((right) => !right)).toHaveLength(0);

      await pools[0]!`create table counter (n int not null)`;
      await pools[0]!`insert into counter values (0)`;
      const writer = pools[1]!.begin(async (tx) => {
        await tx`update counter set n = n + 1`;
        await new Promise((resolve) => setTimeout(resolve, 200));
        await tx`update counter set n = n + 1`;
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      // Waits for the transaction: it never sees the half-done 1.
      const [seen] = await pools[2]!`select n from counter`;
      await writer;
      expect(seen!.n).toBe(2);
    } finally {
      await Promise.all(pools.map((sql) => sql.end()));
    }
  }, 60_000);
});
