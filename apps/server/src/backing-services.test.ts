import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Redis } from "ioredis";
import postgres from "postgres";
import { afterAll, describe, expect, test } from "vitest";
import { findOnPath, LOCAL_POSTGRES_URL, LOCAL_REDIS_URL, resolveBackingServices } from "./backing-services";

const stateDir = mkdtempSync(path.join(tmpdir(), "frontrow-backing-"));
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

const redisServer = findOnPath(["redis-server", "valkey-server"]);

async function ping(url: string): Promise<string> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on("error", () => undefined);
  try {
    await redis.connect();
    return await redis.ping();
  } finally {
    redis.disconnect();
  }
}

describe("which Postgres and Redis the server uses", () => {
  test("DATABASE_URL and REDIS_URL win, without probing or starting anything", async () => {
    const services = await resolveBackingServices({
      databaseUrl: "postgres://someone@db.example:5432/frontrow",
      redisUrl: "redis://cache.example:6379",
      postgresMode: "auto",
      redisMode: "auto",
      stateDir,
    });
    expect(services.postgres).toMatchObject({
      kind: "configured",
      url: "postgres://someone@db.example:5432/frontrow",
    });
    expect(services.redis).toMatchObject({ kind: "configured", url: "redis://cache.example:6379" });
    expect(services.singleProcess).toBe(false);
    expect(existsSync(path.join(stateDir, "services.json"))).toBe(false);
    await services.close();
  });

  test("on this machine (servers on 5432 and 6379) `auto` takes the local servers", async () => {
    const services = await resolveBackingServices({
      databaseUrl: undefined,
      redisUrl: undefined,
      postgresMode: "auto",
      redisMode: "auto",
      stateDir,
    });
    expect(services.postgres).toMatchObject({ kind: "local server", url: LOCAL_POSTGRES_URL });
    expect(services.redis).toMatchObject({ kind: "local server", url: LOCAL_REDIS_URL });
    await services.close();
  });

  test("embedded and in-process: PGlite and the in-process Redis answer on loopback, listed in services.json", async () => {
    const dir = path.join(stateDir, "embedded");
    const services = await resolveBackingServices({
      databaseUrl: undefined,
      redisUrl: undefined,
      postgresMode: "embedded",
      redisMode: "in-process",
      stateDir: dir,
    });
    try {
      expect(services.postgres.kind).toBe("embedded");
      expect(services.redis.kind).toBe("in-process");
      expect(services.singleProcess).toBe(true);
      const sql = postgres(services.postgres.url, { max: 1, onnotice: () => {} });
      expect(await sql`select 41 + 1 as answer`).toEqual([{ answer: 42 }]);
      await sql.end();
      expect(await ping(services.redis.url)).toBe("PONG");
      expect(JSON.parse(readFileSync(path.join(dir, "services.json"), "utf8"))).toEqual({
        pid: process.pid,
        databaseUrl: services.postgres.url,
        redisUrl: services.redis.url,
      });
      expect(existsSync(path.join(dir, "postgres", "PG_VERSION"))).toBe(true);
    } finally {
      await services.close();
    }
    expect(existsSync(path.join(dir, "services.json"))).toBe(false);
    await expect(ping(services.redis.url)).rejects.toThrow();
  }, 60_000);

  test.skipIf(!redisServer)("`child` starts redis-server on a free port and stops it on close", async () => {
    const services = await resolveBackingServices({
      databaseUrl: "postgres://postgres@127.0.0.1:5432/frontrow",
      redisUrl: undefined,
      postgresMode: "auto",
      redisMode: "child",
      stateDir: path.join(stateDir, "child"),
    });
    expect(services.redis.kind).toBe("child");
    expect(services.redis.url).not.toBe(LOCAL_REDIS_URL);
    expect(services.singleProcess).toBe(false);
    expect(await ping(services.redis.url)).toBe("PONG");
    await services.close();
    await expect(ping(services.redis.url)).rejects.toThrow();
  });
  if (!redisServer)
    console.log("skipped the child redis-server test: no redis-server or valkey-server on the PATH");

  test("`child` without redis-server or valkey-server on the PATH is refused with the reason", async () => {
    const searched = process.env.PATH;
    process.env.PATH = stateDir;
    try {
      await expect(
        resolveBackingServices({
          databaseUrl: "postgres://postgres@127.0.0.1:5432/frontrow",
          redisUrl: undefined,
          postgresMode: "auto",
          redisMode: "child",
          stateDir,
        }),
      ).rejects.toThrow("FRONTROW_REDIS=child: neither redis-server nor valkey-server is on the PATH");
    } finally {
      process.env.PATH = searched;
    }
  });

  test("findOnPath takes the first executable of the names in PATH order", () => {
    const bin = path.join(stateDir, "bin");
    mkdirSync(bin, { recursive: true });
    symlinkSync(process.execPath, path.join(bin, "valkey-server"));
    expect(findOnPath(["redis-server", "valkey-server"], bin)).toBe(path.join(bin, "valkey-server"));
    expect(findOnPath(["redis-server"], bin)).toBeUndefined();
  });
});
