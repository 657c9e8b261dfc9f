import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { isCluster } from "./client";
import { scripts } from "./lua-scripts";
import { createTestRedis, testRedisUrl, type TestRedis } from "./testing";

let store: TestRedis | undefined;
afterEach(async () => {
  await store?.cleanup();
});

// Only on the test cluster of the `redis-cluster` project: it empties every master's script cache, which the shared
// Redis of the other projects must not have done to it.
describe.runIf(testRedisUrl.startsWith("redis+cluster:"))("Lua scripts on a Redis Cluster", () => {
  it("run on every master, and again after a master's script cache is emptied (as on a promoted replica)", async () => {
    store = createTestRedis();
    const { redis } = store;
    if (!isCluster(redis)) throw new Error("expected a cluster connection");
    const lua = readFileSync(path.join(import.meta.dirname, "../lua/sliding-window-1.lua"), "utf8");
    const sha = createHash("sha1").update(lua).digest("hex");
    // Keys of different hash tags land on different masters: one window per tag, until every master has served one.
    const masters = redis.nodes("master");
    const keysByMaster = new Map<string, string>();
    for (let tag = 0; keysByMaster.size < masters.length && tag < 1_000; tag++) {
      const key = `{w:${tag}}:window`;
      const slot = Number(await redis.cluster("KEYSLOT", `${store.keyPrefix}${key}`));
      const range = (await redis.cluster("SLOTS")).find(([from, to]) => slot >= from && slot <= to);
      const port = String(range?.[2]?.[1]);
      if (!keysByMaster.has(port)) keysByMaster.set(port, key);
    }
    expect(keysByMaster.size).toBe(masters.length);

    const attempt = (key: string, n: number) =>
      scripts.slidingWindow(
        redis,
        { window: key },
        { nowMs: 1_000 + n, windowMs: 60_000, limit: 10, member: `m${n}` },
      );
    const allowedAs = (count: number) => ({ allowed: true, count, retryAfterMs: 0 });
    for (const key of keysByMaster.values()) expect(await attempt(key, 1)).toEqual(allowedAs(1));
    for (const master of masters) expect(await master.script("EXISTS", sha)).toEqual([1]);

    await Promise.all(masters.map((master) => master.script("FLUSH")));
    for (const master of masters) expect(await master.script("EXISTS", sha)).toEqual([0]);
    for (const key of keysByMaster.values()) expect(await attempt(key, 2)).toEqual(allowedAs(2));
    for (const master of masters) expect(await master.script("EXISTS", sha)).toEqual([1]);
  });
});
