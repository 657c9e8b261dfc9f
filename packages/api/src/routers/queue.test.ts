import { createHash, randomUUID } from "node:crypto";
import { connect } from "node:net";
import { createAccessPassSigner, createAdmitter, createQueueWatchHub, createRedisQueueHeadBus } from "@frontrow/core";
import { createTestEvent, createTestVenue } from "@frontrow/db/testing";
import { isCluster, keys } from "@frontrow/redis";
import { insertSignedInUsers, type TestServices } from "@frontrow/core/testing";
import type { Sql } from "postgres";
import { describe, expect, vi } from "vitest";
import { createApiHarness, domainCode, failure, startOtherInstance, test, type ApiHarness, type TestClient } from "../testing";

const MINUTE = 60_000;

/** Many signed-in fans at once: users and sessions written directly, every queue call through the API. */
async function manyFans(api: ApiHarness, sql: Sql, count: number) {
  const users = await insertSignedInUsers(sql, count);
  // Each from an address of their own, as fans at home are (one address is limited in joins per minute).
  return users.map(({ userId, token }, i) =>
    Object.assign(api.client({ sessionToken: token, ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` }), { userId }),
  );
}

async function waitingRoomEvent(services: TestServices, onSaleInMs: number, settings = {}) {
  const { db, sql } = services.database;
  const venue = await createTestVenue(db, { sections: [{ name: "A", rows: 2, seatsPerRow: 10 }] });
  const now = services.clock.now().getTime();
  const { eventId } = await createTestEvent(db, {
    venueId: venue.venueId,
    waitingRoomEnabled: true,
    status: onSaleInMs > 0 ? "scheduled" : "on_sale",
    onSaleAt: new Date(now + onSaleInMs),
  });
  const seed = createHash("sha256").update(randomUUID()).digest("hex");
  await sql`update events set fairness_seed = ${seed}, fairness_seed_hash = ${createHash("sha256").update(seed).digest("hex")},
    admit_rate_per_minute = 600, max_active_shoppers = 1000, shopping_window_seconds = 600 ${sql`, pre_queue_opens_at = null`}
    where id = ${eventId}`;
  for (const [column, value] of Object.entries(settings)) await sql`update events set ${sql(column)} = ${value as number} where id = ${eventId}`;
  return { eventId, seed, seatIds: venue.seats.map((seat) => seat.id) };
}

describe("waiting room", () => {
  test("1,000 fans joining after the start are admitted in join order, one place each", async ({ api, services }) => {
    const { eventId } = await waitingRoomEvent(services, -MINUTE);
    const fans = await manyFans(api, services.database.sql, 1_000);
    const joinOrder: string[] = [];
    for (let i = 0; i < fans.length; i += 50) {
      const wave = fans.slice(i, i + 50);
      const statuses = await Promise.all(wave.map(async (fan) => (await fan.call()).queue.join({ eventId })));
      // Within a wave Redis decides; across waves arrival order is strict.
      wave.map((fan, j) => ({ fan, place: statuses[j]!.position! })).sort((a, b) => a.place - b.place).forEach(({ fan }) => joinOrder.push(fan.userId));
    }
    // Joining again (another tab, another device) keeps the same place.
    const again = await (await fans[10]!.call()).queue.join({ eventId });
    expect(again.position).toBe(joinOrder.indexOf(fans[10]!.userId) + 1);
    expect(await services.redisStore.redis.zcard(keys.waitingRoom(eventId).line)).toBe(1_000);

    const admitter = createAdmitter(api.deps, { eventsRefreshMs: 0 });
    const admitted: string[] = [];
    const activeKey = keys.waitingRoom(eventId).active;
    for (let tick = 0; admitted.length < 1_000 && tick < 200; tick++) {
      services.clock.advance(1_000);
      await admitter.tick();
      const now = await services.redisStore.redis.zrange(activeKey, 0, -1);
      admitted.push(...now.filter((id) => !admitted.includes(id)).sort((a, b) => joinOrder.indexOf(a) - joinOrder.indexOf(b)));
    }
    expect(admitted).toEqual(joinOrder);
  }, 30_000);

  test("the pre-queue is shuffled at the start, and anyone can recompute the shuffle from the revealed seed", async ({
    api,
    services,
  }) => {
    const { eventId, seed } = await waitingRoomEvent(services, 30_000);
    const fans = await manyFans(api, services.database.sql, 40);
    const entries = new Map<string, string>();
    for (const fan of fans) {
      const status = await (await fan.call()).queue.join({ eventId });
      expect(status.state).toBe("pre_queue");
      expect(status.fairness?.seed).toBeUndefined(); // not revealed before the start
      expect(status.fairness?.seedHash).toMatch(/^[0-9a-f]{64}$/);
      entries.set(status.entryId!, fan.userId);
    }
    services.clock.advance(31_000);
    const admitter = createAdmitter(api.deps, { eventsRefreshMs: 0 });
    await admitter.tick(); // starts the line

    const statuses = await Promise.all(fans.map(async (fan) => (await fan.call()).queue.status({ eventId })));
    const revealed = statuses[0]!.fairness!;
    expect(createHash("sha256").update(revealed.seed!).digest("hex")).toBe(revealed.seedHash);
    expect(revealed.seed).toBe(seed);
    const recomputed = [...entries.keys()]
      .map((entryId) => ({ entryId, rank: createHash("sha1").update(`${revealed.seed}:${entryId}`).digest("hex") }))
      .sort((a, b) => (a.rank < b.rank ? -1 : 1))
      .map(({ entryId }) => entries.get(entryId));
    // The public fairness record alone is enough to recompute it.
    const published = await (await api.client().call()).queue.fairness({ eventId });
    expect(published.seed).toBe(seed);
    expect(new Set(published.entries)).toEqual(new Set(entries.keys()));
    const { place: placeKey } = keys.waitingRoom(eventId);
    const places = await services.redisStore.redis.hgetall(placeKey);
    const actual = Object.entries(places).sort((a, b) => Number(a[1]) - Number(b[1])).map(([userId]) => userId);
    expect(actual).toEqual(recomputed);
    expect(actual).not.toEqual(fans.map((fan) => fan.userId));
  });

  test("admission keeps to the configured rate and never passes the active-shopper cap", async ({ api, services }) => {
    const { eventId } = await waitingRoomEvent(services, -MINUTE, { admit_rate_per_minute: 120, max_active_shoppers: 15 });
    const fans = await manyFans(api, services.database.sql, 40);
    for (const fan of fans) await (await fan.call()).queue.join({ eventId });
    const admitter = createAdmitter(api.deps, { eventsRefreshMs: 0 });
    const admin = await api.fan("Organizer");
    await services.database.sql`update users set role = 'admin' where id = ${admin.userId}`;
    const seen: number[] = [];
    for (let second = 1; second <= 12; second++) {
      services.clock.advance(1_000);
      await admitter.tick();
      const stats = await (await admin.call()).queue.stats({ eventId });
      expect(stats.activeShoppers).toBeLessThanOrEqual(15);
      expect(stats.waiting + stats.admitted).toBe(40);
      seen.push(stats.activeShoppers);
    }
    // 120 per minute is 2 per second: 2, 4, 6 … until the cap of 15 holds everyone else back.
    expect(seen.slice(0, 7)).toEqual([2, 4, 6, 8, 10, 12, 14]);
    expect(seen.slice(8)).toEqual([15, 15, 15, 15]);
  });

  test("admission keeps the configured rate when the admitter's ticks come late (a stalled event loop)", async ({ api, services }) => {
    const { eventId } = await waitingRoomEvent(services, -MINUTE, { admit_rate_per_minute: 600 });
    const fans = await manyFans(api, services.database.sql, 200);
    await Promise.all(fans.map(async (fan) => (await fan.call()).queue.join({ eventId })));
    const admitter = createAdmitter(api.deps, { eventsRefreshMs: 0 });
    services.clock.advance(1_000);
    await admitter.tick();
    const activeKey = keys.waitingRoom(eventId).active;
    const before = await services.redisStore.redis.zcard(activeKey);
    // Ticks 2.5 s apart instead of 1 s: 600 a minute is 10 a second, so 25 fans a tick, 150 over 15 s.
    for (let tick = 0; tick < 6; tick++) {
      services.clock.advance(2_500);
      await admitter.tick();
    }
    expect((await services.redisStore.redis.zcard(activeKey)) - before).toBe(150);
  });

  test("credit earned while nobody could be admitted is not released as a burst at the on-sale", async ({ api, services }) => {
    const { eventId } = await waitingRoomEvent(services, 30_000, { admit_rate_per_minute: 120 });
    const fans = await manyFans(api, services.database.sql, 50);
    for (const fan of fans) await (await fan.call()).queue.join({ eventId });
    const admitter = createAdmitter(api.deps, { eventsRefreshMs: 0 });
    // 29 seconds of ticks before the on-sale: nothing can be admitted, credit must not pile up.
    for (let second = 0; second < 29; second++) {
      services.clock.advance(1_000);
      await admitter.tick();
    }
    expect(await services.redisStore.redis.zcard(keys.waitingRoom(eventId).active)).toBe(0);
    services.clock.advance(1_000); // the on-sale
    await admitter.tick();
    const admitted = await services.redisStore.redis.zcard(keys.waitingRoom(eventId).active);
    // 120 a minute is 2 a second: the first tick of the sale admits 2, not the credit of the wait before it.
    expect(admitted).toBe(2);
  });

  test("when the admitter's lease is lost another instance takes over without admitting anyone twice", async ({
    api,
    services,
  }) => {
    const { eventId } = await waitingRoomEvent(services, -MINUTE, { admit_rate_per_minute: 600 });
    const fans = await manyFans(api, services.database.sql, 60);
    for (const fan of fans) await (await fan.call()).queue.join({ eventId });
    const first = createAdmitter(api.deps, { eventsRefreshMs: 0 });
    const second = createAdmitter(api.deps, { eventsRefreshMs: 0 });
    services.clock.advance(1_000);
    await first.tick();
    await second.tick(); // lease held by the first: admits nothing
    const afterFirst = await services.redisStore.redis.zcard(keys.waitingRoom(eventId).active);
    expect(afterFirst).toBe(10);

    await services.redisStore.redis.del(keys.queueLease(eventId)); // the holder died
    services.clock.advance(1_000);
    await second.tick(); // takes over with a new fencing token
    await first.tick(); // the old holder wakes up: the lease is someone else's
    services.clock.advance(1_000);
    await Promise.all([first.tick(), second.tick()]);
    const active = await services.redisStore.redis.zrange(keys.waitingRoom(eventId).active, 0, -1);
    expect(new Set(active).size).toBe(active.length);
    expect(active).toHaveLength(30);
    const stats = await services.redisStore.redis.hget(keys.waitingRoom(eventId).state, "admitted");
    expect(Number(stats)).toBe(30);
  });

  test("holds need a valid pass of this fan for this event: every bypass is refused", async ({ api, services }) => {
    const { eventId, seatIds } = await waitingRoomEvent(services, -MINUTE);
    const other = await waitingRoomEvent(services, -MINUTE);
    const [alice, bob] = await manyFans(api, services.database.sql, 2);
    await (await alice!.call()).queue.join({ eventId });
    await (await alice!.call()).queue.join({ eventId: other.eventId });
    const admitter = createAdmitter(api.deps, { eventsRefreshMs: 0 });
    services.clock.advance(1_000);
    await admitter.tick();
    const status = await (await alice!.call()).queue.status({ eventId });
    expect(status.state).toBe("admitted");
    const pass = status.accessPass!;
    const otherPass = (await (await alice!.call()).queue.status({ eventId: other.eventId })).accessPass!;

    const attempt = async (client: TestClient, accessPass?: string) =>
      failure((await client.call()).holds.create({ eventId, seatIds: [seatIds[0]!], accessPass }));
    const [body, signature] = pass.split(".");
    const tampered = `${Buffer.from(Buffer.from(body!, "base64url").toString().replace(alice!.userId, bob!.userId)).toString("base64url")}.${signature}`;
    const forged = createAccessPassSigner("not-the-server-secret-at-all-nope").issue({
      userId: alice!.userId,
      eventId,
      expiresAt: new Date(services.clock.now().getTime() + MINUTE),
    });
    for (const refused of [
      await attempt(alice!), // no pass
      await attempt(alice!, forged), // forged
      await attempt(bob!, pass), // another fan's pass
      await attempt(bob!, tampered), // altered to name another fan
      await attempt(alice!, otherPass), // another event's pass
    ]) {
      expect([refused.code, domainCode(refused)]).toEqual(["FORBIDDEN", "NOT_ADMITTED"]);
    }
    const hold = await (await alice!.call()).holds.create({ eventId, seatIds: [seatIds[0]!], accessPass: pass });
    expect(hold.seatIds).toEqual([seatIds[0]]);
    services.clock.advance(11 * MINUTE);
    expect(domainCode(await attempt(alice!, pass))).toBe("NOT_ADMITTED"); // expired
  });

  test("a pass is honoured to the last millisecond of the shopping window; after it the fan is told the window ended", async ({
    api,
    services,
  }) => {
    const { eventId, seatIds } = await waitingRoomEvent(services, -MINUTE, { shopping_window_seconds: 60 });
    const [fan] = await manyFans(api, services.database.sql, 1);
    await (await fan!.call()).queue.join({ eventId });
    const admitter = createAdmitter(api.deps, { eventsRefreshMs: 0 });
    services.clock.advance(1_000);
    await admitter.tick();
    const { accessPass, admittedUntil } = await (await fan!.call()).queue.status({ eventId });
    services.clock.set(new Date(admittedUntil!.getTime() - 1));
    const hold = await (await fan!.call()).holds.create({ eventId, seatIds: [seatIds[0]!], accessPass });
    expect(hold.seatIds).toEqual([seatIds[0]]);

    services.clock.set(admittedUntil!);
    const ended = await failure((await fan!.call()).holds.create({ eventId, seatIds: [seatIds[1]!], accessPass }));
    expect([ended.code, domainCode(ended)]).toEqual(["FORBIDDEN", "NOT_ADMITTED"]);
    expect((ended.cause as { details?: unknown }).details).toEqual({ windowEnded: true });
    expect(ended.message).toMatch(/shopping window is over/);
    // Told the same way by the waiting room itself.
    expect((await (await fan!.call()).queue.status({ eventId })).state).toBe("expired");
  });

  test("leaving the waiting room revokes the access pass: the slot's next fans shop, the leaver cannot hold", async ({
    api,
    services,
  }) => {
    const { eventId, seatIds } = await waitingRoomEvent(services, -MINUTE, { max_active_shoppers: 2 });
    const [leaver, second, third] = await manyFans(api, services.database.sql, 3);
    for (const fan of [leaver!, second!, third!]) await (await fan.call()).queue.join({ eventId });
    const admitter = createAdmitter(api.deps, { eventsRefreshMs: 0 });
    services.clock.advance(1_000);
    await admitter.tick();
    const pass = (await (await leaver!.call()).queue.status({ eventId })).accessPass!;
    expect(pass).toBeTruthy();

    await (await leaver!.call()).queue.leave({ eventId });
    services.clock.advance(1_000);
    await admitter.tick();
    for (const fan of [second!, third!]) expect((await (await fan.call()).queue.status({ eventId })).state).toBe("admitted");

    const refused = await failure((await leaver!.call()).holds.create({ eventId, seatIds: [seatIds[0]!], accessPass: pass }));
    expect([refused.code, domainCode(refused)]).toEqual(["FORBIDDEN", "NOT_ADMITTED"]);
    expect(refused.message).toMatch(/shopping window is over/);
    expect(await services.redisStore.redis.hlen(keys.eventInventory(eventId).holds)).toBe(0);
  });

  test("positions are pushed to subscribers on another instance as the line moves", async ({ api, services }) => {
    const { eventId } = await waitingRoomEvent(services, -MINUTE, { admit_rate_per_minute: 60 });
    const fans = await manyFans(api, services.database.sql, 5);
    for (const fan of fans) await (await fan.call()).queue.join({ eventId });
    // A second instance: its own pub/sub connection for queue heads.
    const otherHeads = createRedisQueueHeadBus({ redis: services.redisStore.redis, subscriber: services.redisStore.connect({ forSubscriptions: true }) });
    // No heartbeat: every position read below was pushed by an admitter tick.
    const otherWatch = createQueueWatchHub({ ...api.deps, queueHeads: otherHeads }, { tickMs: 3_600_000 });
    const otherInstance = createApiHarness({ ...api.deps, queueHeads: otherHeads, queueWatch: otherWatch });
    const controller = new AbortController();
    try {
      const last = otherInstance.client({ sessionToken: fans[4]!.sessionToken });
      const stream = (await (await last.call({ signal: controller.signal })).queue.onStatus({ eventId }))[Symbol.asyncIterator]();
      const first = (await stream.next()).value as { state: string; position: number };
      expect(first).toMatchObject({ state: "waiting", position: 5 });
      const admitter = createAdmitter(api.deps, { eventsRefreshMs: 0 });
      const positions: number[] = [];
      for (let i = 0; i < 4; i++) {
        services.clock.advance(1_000);
        await admitter.tick();
        const next = (await stream.next()).value as { position: number };
        positions.push(next.position);
      }
      expect(positions).toEqual([4, 3, 2, 1]);
      services.clock.advance(1_000);
      await admitter.tick();
      const turn = (await stream.next()).value as { state: string; accessPass?: string };
      expect(turn.state).toBe("admitted");
      expect(turn.accessPass).toBeTruthy();
    } finally {
      controller.abort();
      await otherWatch.close();
      await otherHeads.close();
    }
  });

  test("300 subscribers on two instances get their exact position every tick, from one Redis read per event per tick", async ({
    api,
    services,
  }) => {
    const { eventId } = await waitingRoomEvent(services, -MINUTE, { admit_rate_per_minute: 300 });
    const fans = await manyFans(api, services.database.sql, 300);
    for (let i = 0; i < fans.length; i += 50) {
      await Promise.all(fans.slice(i, i + 50).map(async (fan) => (await fan.call()).queue.join({ eventId })));
    }
    const other = startOtherInstance(services);
    const controller = new AbortController();
    const received = fans.map(() => [] as Array<{ at: number; state: string; position?: number }>);
    const streams = fans.map(async (fan, i) => {
      const instance = i % 2 === 0 ? api : other;
      const client = instance.client({ sessionToken: fan.sessionToken });
      const stream = await (await client.call({ signal: controller.signal })).queue.onStatus({ eventId });
      for await (const status of stream as AsyncIterable<{ state: string; position?: number }>) {
        received[i]!.push({ at: Date.now(), state: status.state, position: status.position });
      }
    });
    // Every command Redis runs, from MONITOR on a plain socket (on each master of a cluster): the lines name the
    // command and its keys.
    const { redis } = services.redisStore;
    const servers = isCluster(redis)
      ? redis.nodes("master").map((node) => ({ host: node.options.host!, port: node.options.port! }))
      : [{ host: new URL(services.redisStore.url).hostname, port: Number(new URL(services.redisStore.url).port || 6379) }];
    const commands: string[] = [];
    let counting = false;
    const monitors = servers.map(({ host, port }) => {
      const monitor = connect(port, host);
      monitor.write("MONITOR\r\n");
      let partial = "";
      monitor.on("data", (chunk: Buffer) => {
        const lines = (partial + chunk.toString("utf8")).split("\r\n");
        partial = lines.pop() ?? "";
        for (const line of lines) {
          // Commands a script runs (the admitter's step) are marked "lua": only the clients' own reads count here.
          if (counting && line.includes(`{e:${eventId}}:q:`) && !line.includes(" lua]")) {
            commands.push(line.split('"')[1]?.toLowerCase() ?? "");
          }
        }
      });
      return monitor;
    });
    try {
      await vi.waitFor(() => expect(received.every((pushes) => pushes.length > 0)).toBe(true), { timeout: 10_000 });
      await new Promise((resolve) => setTimeout(resolve, 200)); // the first reads' lines have come through
      counting = true;
      const watchFrom = Date.now();
      const admitter = createAdmitter(api.deps, { eventsRefreshMs: 0 });
      // Four seconds of the line moving (5 a second) with two fans giving their places up.
      for (let second = 0; second < 4; second++) {
        services.clock.advance(1_000);
        await admitter.tick();
        if (second === 1) for (const fan of [fans[100]!, fans[201]!]) await (await fan.call()).queue.leave({ eventId });
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
      // Then a pause in admission (the shopper cap, or the organizer): the line stands still, positions still come.
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      const watchTo = Date.now();
      // Every fan still waiting was sent a position at least every two seconds, whatever the number of fans.
      const line = await services.redisStore.redis.zrange(keys.waitingRoom(eventId).line, 0, -1);
      for (const userId of line) {
        const pushes = received[fans.findIndex((fan) => fan.userId === userId)]!.filter((p) => p.at >= watchFrom - 2_000);
        const times = [...pushes.map((p) => p.at), watchTo];
        const longest = Math.max(...times.slice(1).map((at, k) => at - times[k]!));
        expect(longest).toBeLessThanOrEqual(2_000);
        // …and the position each fan last saw is their exact place in the line now.
        expect(pushes.at(-1)).toMatchObject({ state: "waiting", position: line.indexOf(userId) + 1 });
      }
      expect(line).toHaveLength(300 - 20 - 2);
      // The hubs' reads: per tick one HMGET of the line's state (and the log of places given up), and a read per
      // fan only when their turn came or they left — not one per subscriber per tick.
      const reads = (name: string) => commands.filter((command) => command === name).length;
      expect(reads("hmget")).toBeGreaterThanOrEqual(2 * 4);
      expect(reads("hmget")).toBeLessThanOrEqual(2 * 12);
      expect(reads("zrank")).toBeLessThanOrEqual(20 + 2);
    } finally {
      controller.abort();
      for (const monitor of monitors) monitor.destroy();
      await Promise.allSettled(streams);
      await other.close();
    }
  }, 30_000);

  test("subscribers waiting in the pre-queue are given their exact places when the line starts and admits at once", async ({
    api,
    services,
  }) => {
    const { eventId } = await waitingRoomEvent(services, 5_000, { admit_rate_per_minute: 300 });
    const fans = await manyFans(api, services.database.sql, 40);
    await Promise.all(fans.map(async (fan) => (await fan.call()).queue.join({ eventId })));
    const other = startOtherInstance(services);
    const controller = new AbortController();
    const last = fans.map(() => undefined as { state: string; position?: number; entryId?: string } | undefined);
    const streams = fans.map(async (fan, i) => {
      const client = (i % 2 === 0 ? api : other).client({ sessionToken: fan.sessionToken });
      const stream = await (await client.call({ signal: controller.signal })).queue.onStatus({ eventId });
      for await (const status of stream as AsyncIterable<{ state: string; position?: number; entryId?: string }>) last[i] = status;
    });
    try {
      // 40 subscriptions on two instances: more than vitest's default second on a busy machine.
      await vi.waitFor(() => expect(last.every((status) => status?.state === "pre_queue")).toBe(true), {
        timeout: 10_000,
      });
      services.clock.advance(6_000);
      await createAdmitter(api.deps, { eventsRefreshMs: 0 }).tick(); // starts the line and admits the first 5 at once
      const { line: lineKey } = keys.waitingRoom(eventId);
      const line = await services.redisStore.redis.zrange(lineKey, 0, -1);
      expect(line).toHaveLength(35);
      await vi.waitFor(
        () =>
          fans.forEach((fan, i) => {
            const rank = line.indexOf(fan.userId);
            if (rank >= 0) expect(last[i]).toMatchObject({ state: "waiting", position: rank + 1, entryId: expect.any(String) });
            else expect(last[i]?.state).toBe("admitted");
          }),
        { timeout: 5_000 },
      );
    } finally {
      controller.abort();
      await Promise.allSettled(streams);
      await other.close();
    }
  });

  test("at the on-sale the pre-queue has places at once, even with admission paused; leaving gives the place up", async ({
    api,
    services,
  }) => {
    const { eventId } = await waitingRoomEvent(services, 5_000);
    await services.database.sql`update events set admission_paused = true where id = ${eventId}`;
    const [first, second] = await manyFans(api, services.database.sql, 2);
    for (const fan of [first!, second!]) expect((await (await fan.call()).queue.join({ eventId })).state).toBe("pre_queue");
    services.clock.advance(6_000);
    const statuses = await Promise.all([first!, second!].map(async (fan) => (await fan.call()).queue.status({ eventId })));
    expect(statuses.map((status) => status.state)).toEqual(["waiting", "waiting"]);
    expect(statuses.map((status) => status.position).sort()).toEqual([1, 2]);

    await (await first!.call()).queue.leave({ eventId });
    expect((await (await first!.call()).queue.status({ eventId })).state).toBe("none");
    const rejoined = await (await first!.call()).queue.join({ eventId });
    expect(rejoined).toMatchObject({ state: "waiting", position: 2 });
  });
});
