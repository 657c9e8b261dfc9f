import { createHash, randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { testRedisUrl } from "../testing";
import { InProcessRedisServer, type InProcessRedis } from "./server";

/**
 * Edge cases of the commands and scripting Frontrow relies on, asserted against a real Redis and the in-process
 * one alike: where the two differ, one of the runs fails. (The Lua, queue, hold and checkout suites also run
 * against the in-process Redis: the `redis-in-process` project of the vitest workspace.)
 */
describe.each(["redis-server", "in-process"] as const)("%s", (target) => {
  let inProcess: InProcessRedis | undefined;
  let redis: Redis;
  let other: Redis;
  const prefix = `test:${randomBytes(6).toString("hex")}:`;

  beforeAll(async () => {
    inProcess = target === "in-process" ? await InProcessRedisServer.start() : undefined;
    const url = inProcess?.url ?? testRedisUrl;
    redis = new Redis(url, { keyPrefix: prefix });
    other = new Redis(url, { keyPrefix: prefix });
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await new Redis(inProcess?.url ?? testRedisUrl).del(...keys);
    redis.disconnect();
    other.disconnect();
    await inProcess?.close();
  });

  test("SET with NX and PX, expiry, and keys that vanish when their hash, sorted set or list empties", async () => {
    expect(await redis.set("lease", "a", "PX", 80, "NX")).toBe("OK");
    expect(await redis.set("lease", "b", "PX", 80, "NX")).toBeNull();
    expect(await redis.pttl("lease")).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(await redis.get("lease")).toBeNull();
    expect(await redis.exists("lease")).toBe(0);

    await redis.hset("h", "f", "1");
    expect(await redis.hincrby("h", "f", 4)).toBe(5);
    await redis.hdel("h", "f");
    await redis.zadd("z", 1, "m");
    await redis.zrem("z", "m");
    await redis.rpush("l", "x");
    await redis.lpop("l");
    expect(await redis.exists("h", "z", "l")).toBe(0);
    expect(await redis.type("h")).toBe("none");
  });

  test("a command on the wrong type is refused, and MULTI/EXEC reports each command's own error", async () => {
    await redis.set("text", "not a number");
    await expect(redis.hget("text", "f")).rejects.toThrow(/^WRONGTYPE/);
    const replies = await redis.multi().incr("text").set("after", "1").get("after").exec();
    expect(replies![0]![0]).toBeInstanceOf(Error);
    expect((replies![0]![0] as Error).message).toMatch(/not an integer/);
    expect(replies!.slice(1)).toEqual([
      [null, "OK"],
      [null, "1"],
    ]);
  });

  test("sorted sets: score bounds, LIMIT, WITHSCORES, ranks and ZPOPMIN in (score, member) order", async () => {
    await redis.zadd("s", 3, "c", 1, "b", 1, "a", 2.5, "d", 10, "e");
    expect(await redis.zrangebyscore("s", "(1", "10", "LIMIT", 0, 2)).toEqual(["d", "c"]);
    expect(await redis.zrangebyscore("s", "-inf", "+inf", "WITHSCORES")).toEqual([
      "a",
      "1",
      "b",
      "1",
      "d",
      "2.5",
      "c",
      "3",
      "e",
      "10",
    ]);
    expect(await redis.zrange("s", -2, -1)).toEqual(["c", "e"]);
    expect(await redis.zrank("s", "d")).toBe(2);
    expect(await redis.zcount("s", "(1", "+inf")).toBe(3);
    expect(await redis.zscore("s", "d")).toBe("2.5");
    expect(await redis.zadd("s", "NX", 7, "a")).toBe(0);
    expect(await redis.zpopmin("s", 2)).toEqual(["a", "1", "b", "1"]);
    expect(await redis.zremrangebyscore("s", "-inf", 3)).toBe(2);
    expect(await redis.zrange("s", 0, -1)).toEqual(["e"]);
  });

  test("streams: explicit ids must grow, MAXLEN trims the oldest, XRANGE reads after an id", async () => {
    await redis.xadd("x", "MAXLEN", "~", 3, "5-1", "c", "a");
    await expect(redis.xadd("x", "5-1", "c", "again")).rejects.toThrow(/equal or smaller/);
    for (const seq of [6, 7, 8]) await redis.xadd("x", `${seq}-1`, "c", String(seq));
    expect((await redis.xrange("x", "6-0", "+", "COUNT", 2)).map(([id]) => id)).toEqual(["6-1", "7-1"]);
    expect(await redis.xrange("x", "(7-1", "+")).toEqual([["8-1", ["c", "8"]]]);
  });

  test("pub/sub reaches another connection; PUBLISH counts the subscribers", async () => {
    const subscriber = new Redis(inProcess?.url ?? testRedisUrl, { enableReadyCheck: false });
    try {
      const channel = `${prefix}channel`;
      const received = new Promise<string>((resolve) =>
        subscriber.on("message", (_channel, message) => resolve(message)),
      );
      await subscriber.subscribe(channel);
      expect(await other.publish(channel, "hello")).toBe(1);
      expect(await received).toBe("hello");
      await subscriber.unsubscribe(channel);
      expect(await other.publish(channel, "nobody")).toBe(0);
    } finally {
      subscriber.disconnect();
    }
  });

  test("sharded pub/sub (SSUBSCRIBE/SPUBLISH, from a script too) is apart from plain pub/sub", async () => {
    const url = inProcess?.url ?? testRedisUrl;
    const subscriber = new Redis(url, { enableReadyCheck: false });
    // No key prefix: ioredis would prefix SPUBLISH's channel (a key to a cluster) but not SSUBSCRIBE's.
    const publisher = new Redis(url);
    try {
      const channel = `${prefix}{e:1}:changes`;
      const sharded: string[] = [];
      const plain: string[] = [];
      subscriber.on("smessage", (_channel, message) => sharded.push(message));
      subscriber.on("message", (_channel, message) => plain.push(message));
      await subscriber.ssubscribe(channel);
      expect(await publisher.spublish(channel, "one")).toBe(1);
      expect(await publisher.publish(channel, "not to a sharded subscriber")).toBe(0);
      expect(await publisher.eval(`return redis.call("SPUBLISH", ARGV[1], ARGV[2])`, 0, channel, "two")).toBe(
        1,
      );
      await expect.poll(() => sharded).toEqual(["one", "two"]);
      expect(plain).toEqual([]);
      await subscriber.sunsubscribe(channel);
      expect(await publisher.spublish(channel, "nobody")).toBe(0);
    } finally {
      subscriber.disconnect();
      publisher.disconnect();
    }
  });

  test("scripts: reply conversion, cjson, redis.sha1hex, error replies, EVALSHA after SCRIPT LOAD", async () => {
    const conversions = `
      redis.call("SET", KEYS[1], ARGV[1])
      return { 3.9, true, false, redis.call("GET", KEYS[1]), { 1, "two" }, tonumber(ARGV[1]) + 1, nil, "never" }`;
    expect(await redis.eval(conversions, 1, "k", "41")).toEqual([3, 1, null, "41", [1, "two"], 42]);

    const json = `return { cjson.encode({}), cjson.encode({ 1, 2, 3 }), cjson.encode({ a = "x/y" }),
      cjson.encode(1800000000000001), cjson.encode(12.5), cjson.decode('{"e":1700000000000,"s":["a"]}').s[1],
      cjson.decode('{"e":1700000000000}').e + 1, string.format("%d", 1800000000000001),
      redis.sha1hex("frontrow"), unpack({ "u" }) }`;
    expect(await redis.eval(json, 0)).toEqual([
      "{}",
      "[1,2,3]",
      '{"a":"x\\/y"}',
      "1.8e+15",
      "12.5",
      "a",
      1700000000001,
      "1800000000000001",
      createHash("sha1").update("frontrow").digest("hex"),
      "u",
    ]);

    await expect(redis.eval(`return redis.error_reply("SOLD_OUT no seats")`, 0)).rejects.toThrow(
      /^SOLD_OUT no seats/,
    );
    await expect(redis.eval(`return redis.call("HGET", KEYS[1], "f")`, 1, "k")).rejects.toThrow(/WRONGTYPE/);
    expect(await redis.eval(`return redis.pcall("HGET", KEYS[1], "f")["err"]`, 1, "k")).toMatch(/^WRONGTYPE/);

    const sha = (await redis.script("LOAD", "return ARGV[1] .. KEYS[1]")) as string;
    expect(await redis.evalsha(sha, 1, "key", "value-")).toBe(`value-${prefix}key`);
    await expect(redis.evalsha("0".repeat(40), 0)).rejects.toThrow(/^NOSCRIPT/);
  });
});
