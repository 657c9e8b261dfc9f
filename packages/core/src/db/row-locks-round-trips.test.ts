import net from "node:net";
import { createDb, schema } from "@frontrow/db";
import { createTestEvent, createTestVenue } from "@frontrow/db/testing";
import { eq, sql as dsql } from "drizzle-orm";
import { expect } from "vitest";
import { test } from "../testing";
import { lockingTransaction } from "./row-locks";

const DELAY_MS = 20;

/**
 * A TCP proxy that delays every chunk from server to client by DELAY_MS, and counts turns: the client writing
 * after it has read a reply. A turn is a round trip the client waited for; writes sent together are one.
 */
function delayingProxy(target: URL) {
  const counter = { turns: 0 };
  const server = net.createServer((client) => {
    client.setNoDelay(true);
    const upstream = net.connect({ port: Number(target.port || 5432), host: target.hostname, noDelay: true });
    let replied = true;
    client.on("data", (chunk) => {
      if (replied) counter.turns++;
      replied = false;
      upstream.write(chunk);
    });
    upstream.on("data", (chunk) =>
      setTimeout(() => {
        replied = true;
        client.write(chunk);
      }, DELAY_MS),
    );
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
    client.on("error", () => upstream.destroy());
    upstream.on("error", () => client.destroy());
  });
  return new Promise<{ server: net.Server; counter: typeof counter }>((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve({ server, counter })),
  );
}

test("the lock timeout rides with the first lock: a locking transaction waits for no more round trips than before", async ({
  services,
}) => {
  const { db: direct } = services.database;
  const venue = await createTestVenue(direct);
  const { eventId } = await createTestEvent(direct, { venueId: venue.venueId });
  const { server: proxy, counter } = await delayingProxy(new URL(services.database.url));
  const url = new URL(services.database.url);
  url.hostname = "127.0.0.1";
  url.port = String((proxy.address() as net.AddressInfo).port);
  const { db, close } = createDb(url.toString(), { max: 1 });
  const { events } = schema;
  const N = 5;
  const time = async (name: string, run: () => Promise<unknown>) => {
    await run();
    const turns = counter.turns;
    const started = performance.now();
    for (let i = 0; i < N; i++) await run();
    const ms = (performance.now() - started) / N;
    const perTx = (counter.turns - turns) / N;
    if (process.env.SHOW_ROUND_TRIPS)
      console.log(`${name}: ${ms.toFixed(1)} ms per transaction, ${perTx} round trips`);
    return perTx;
  };
  try {
    const before = await time("before: begin; select … for update; commit", () =>
      db.transaction(async (tx) => {
        await tx.execute(dsql`select id from events where id = ${eventId} for update`);
      }),
    );
    const separate = await time("set local as its own statement", () =>
      db.transaction(async (tx) => {
        await tx.execute(dsql`set local lock_timeout = '5s'`);
        await tx.execute(dsql`select id from events where id = ${eventId} for update`);
      }),
    );
    const helper = await time("lockingTransaction (set local pipelined with the lock)", () =>
      lockingTransaction({ db }, async (tx, locks) => {
        await locks.update("event", tx.select({ id: events.id }).from(events).where(eq(events.id, eventId)));
      }),
    );
    expect(separate).toBe(before + 1);
    expect(helper).toBe(before);
  } finally {
    await close();
    proxy.close();
  }
}, 120_000);
