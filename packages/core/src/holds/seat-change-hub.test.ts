import { randomUUID } from "node:crypto";
import { describe, expect } from "vitest";
import { holdSeatInRedis, test } from "../testing";
import { createRedisChangeBus } from "./change-bus";
import { createEventLayoutCache } from "./event-layout";
import { createSeatChangeHub, type SeatChangeWatcher } from "./seat-change-hub";
import type { SeatChangeMessage } from "./watch-seat-changes";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

class RecordingWatcher implements SeatChangeWatcher {
  readonly messages: SeatChangeMessage[] = [];
  readonly startedAt: number | undefined;
  constructor(
    readonly eventId: string,
    public last: number | undefined,
  ) {
    this.startedAt = last;
  }
  deliver(message: SeatChangeMessage): void {
    this.messages.push(message);
  }
}

describe("the seat-change hub", () => {
  test("watchers joining at any seq while holds land each see every change after theirs, in order; removed ones see no more", async ({
    services,
  }) => {
    const { redisStore } = services;
    const eventId = randomUUID();
    const changeBus = createRedisChangeBus({ redis: redisStore.connect(), subscriber: redisStore.connect({ forSubscriptions: true }), tickMs: 5 });
    const hub = createSeatChangeHub({ changeBus, layouts: createEventLayoutCache({ db: services.database.db }) });
    /** The seq at which each seat was held. */
    const heldAt = new Map<string, number>();
    const hold = async (seat: string) => {
      const seq = await holdSeatInRedis(redisStore.redis, { eventId, seatId: seat });
      heldAt.set(seat, seq);
      return seq;
    };
    const watchers: RecordingWatcher[] = [];
    const removed: Array<{ watcher: RecordingWatcher; count: number }> = [];
    try {
      let seq = 0;
      // 120 holds, several at once, while watchers join from a random earlier seq (or from now on) and some leave.
      for (let round = 0; round < 30; round++) {
        const seqs = await Promise.all(Array.from({ length: 4 }, (_, i) => hold(`seat-${round}-${i}`)));
        seq = Math.max(seq, ...seqs);
        for (let i = 0; i < 5; i++) {
          const from = Math.random() < 0.2 ? undefined : Math.floor(Math.random() * (seq + 1));
          const watcher = new RecordingWatcher(eventId, from);
          watchers.push(watcher);
          hub.add(watcher);
        }
        if (round % 5 === 4) {
          const leaving = watchers[Math.floor(Math.random() * watchers.length)]!;
          if (!removed.some((one) => one.watcher === leaving)) {
            hub.remove(leaving);
            removed.push({ watcher: leaving, count: leaving.messages.length });
          }
        }
        await sleep(Math.random() * 10);
      }
      const staying = watchers.filter((watcher) => !removed.some((one) => one.watcher === watcher));
      // The last hold reaches everyone, as the stream's replay or live.
      await expect.poll(() => staying.filter((watcher) => watcher.last !== seq).length, { timeout: 10_000 }).toBe(0);

      for (const watcher of staying) {
        const seqs = watcher.messages.map((message) => message.seq);
        expect(seqs).toEqual([...new Set(seqs)].sort((a, b) => a - b));
        if (watcher.startedAt === undefined) continue;
        // What the watcher knew at its start, with every message applied, is the whole event.
        const seen = new Set([...heldAt].filter(([, at]) => at <= watcher.startedAt!).map(([seat]) => seat));
        for (const message of watcher.messages) for (const change of message.changes) if ("seatId" in change) seen.add(change.seatId);
        expect(seen.size).toBe(heldAt.size);
      }
      expect(staying.filter((watcher) => watcher.startedAt !== undefined).length).toBeGreaterThan(100);
      // Up-to-date watchers share a tick's message object.
      const lastMessages = new Set(staying.map((watcher) => watcher.messages.at(-1)));
      expect(lastMessages.size).toBeLessThan(staying.length / 2);
      for (const { watcher, count } of removed) expect(watcher.messages.length).toBe(count);
      expect(hub.size()).toBe(staying.length);
    } finally {
      hub.close();
      await changeBus.close();
    }
  });

  test("a watcher joining before Redis confirmed the feed's subscription still gets a change made meanwhile", async ({ services }) => {
    const { redisStore } = services;
    const eventId = randomUUID();
    const bus = createRedisChangeBus({ redis: redisStore.connect(), subscriber: redisStore.connect({ forSubscriptions: true }) });
    // Redis slow to confirm the subscription: nothing published in the meantime reaches the feed live.
    const slowBus = { ...bus, subscribe: async (...args: Parameters<typeof bus.subscribe>) => (await sleep(400), bus.subscribe(...args)) };
    const hub = createSeatChangeHub({ changeBus: slowBus, layouts: createEventLayoutCache({ db: services.database.db }) });
    const watcher = new RecordingWatcher(eventId, 0);
    try {
      hub.add(watcher);
      await sleep(100);
      const seq = await holdSeatInRedis(redisStore.redis, { eventId, seatId: "seat-1" });
      await expect.poll(() => watcher.last, { timeout: 3_000 }).toBe(seq);
      expect(watcher.messages.flatMap((message) => message.changes)).toMatchObject([{ seatId: "seat-1", status: "held" }]);
    } finally {
      hub.close();
      await bus.close();
    }
  });
});
