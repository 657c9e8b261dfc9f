import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  createMailTransport,
  createTestPaymentProvider,
  deliverOutboxBatch,
  startHoldSweeper,
  TEST_CARDS,
  type MailTransport,
  type OutboxDeps,
} from "@frontrow/core";
import { createDb } from "@frontrow/db";
import { createTestEvent, createTestVenue } from "@frontrow/db/testing";
import { keys } from "@frontrow/redis";
import { describe, expect } from "vitest";
import { createApiHarness, test, type ApiHarness } from "../testing";

const quiet = { info: () => {}, warn: () => {} };

async function buyTickets(api: ApiHarness, db: Parameters<typeof createTestVenue>[0], count = 2) {
  const venue = await createTestVenue(db, { sections: [{ name: "101", rows: 1, seatsPerRow: 6 }] });
  const { eventId } = await createTestEvent(db, { venueId: venue.venueId, name: "Outbox Live" });
  const fan = await api.fan("Mail Reader");
  const hold = await (await fan.call()).holds.create({ eventId, seatIds: venue.seats.slice(0, count).map((s) => s.id) });
  const { order } = await (await fan.call()).checkout.complete({
    holdId: hold.holdId,
    idempotencyKey: `k-${Math.random()}`,
    payment: { cardNumber: TEST_CARDS.approved, expMonth: 1, expYear: 2099, cvc: "123", name: "Mail Reader" },
  });
  return { fan, order };
}

describe("outbox worker", () => {
  test("emails the confirmation with the tickets PDF and marks the row delivered", async ({ api, services }) => {
    const { order } = await buyTickets(api, services.database.db);
    const folder = mkdtempSync(path.join(tmpdir(), "frontrow-mail-"));
    const deps: OutboxDeps = { ...api.deps, mail: createMailTransport({ folder }), logger: quiet };
    expect(await deliverOutboxBatch(deps)).toBe(1);
    expect(await deliverOutboxBatch(deps)).toBe(0);

    const [file] = readdirSync(folder);
    const eml = readFileSync(path.join(folder, file!), "utf8");
    expect(eml).toMatch(/^To: mail-reader-.*@example\.com$/m);
    expect(eml).toMatch(/^Subject: Your tickets for Outbox Live$/m);
    expect(eml).toContain("application/pdf");
    for (const ticket of order.tickets) expect(eml).toContain(ticket.code);
    const pdf = Buffer.from(eml.split('filename=frontrow-tickets-')[1]!.split("\n\n")[1]!.split("\n--")[0]!.replace(/\s/g, ""), "base64");
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const [row] = await services.database.sql`select delivered_at, attempts from outbox where topic = 'order.confirmed'`;
    expect(row?.delivered_at).not.toBeNull();
    expect(row?.attempts).toBe(1);
  });

  test("mails name the show's time at the venue with its zone, and the order by the short code the site shows", async ({ api, services }) => {
    const { fan, order } = await buyTickets(api, services.database.db);
    await (await fan.call()).orders.cancel({ orderId: order.id });
    const folder = mkdtempSync(path.join(tmpdir(), "frontrow-mail-"));
    expect(await deliverOutboxBatch({ ...api.deps, mail: createMailTransport({ folder }), logger: quiet })).toBe(2);
    const mails = readdirSync(folder).map((file) => readFileSync(path.join(folder, file), "utf8").replace(/=\r?\n/g, ""));
    const confirmation = mails.find((eml) => /^Subject: Your tickets/m.test(eml))!;
    const cancellation = mails.find((eml) => /^Subject: Order cancelled/m.test(eml))!;
    // The test venue is in America/New_York.
    expect(confirmation).toMatch(/\d{4} at \d{1,2}:\d{2}\s(AM|PM) E[SD]T at /);
    const code = order.id.slice(0, 8).toUpperCase();
    expect(confirmation).toContain(`Order ${code}`);
    expect(cancellation).toContain(`Your order ${code} for Outbox Live`);
    expect(cancellation.split(/\n\n/).slice(1).join("\n\n")).not.toContain(order.id);
  });

  test("a failed delivery is retried later with backoff, not lost", async ({ api, services }) => {
    await buyTickets(api, services.database.db);
    const failing: MailTransport = { send: () => Promise.reject(new Error("SMTP 451 try again")) };
    expect(await deliverOutboxBatch({ ...api.deps, mail: failing, logger: quiet })).toBe(1);
    const [afterFailure] = await services.database.sql`select delivered_at, attempts, last_error, available_at from outbox where topic = 'order.confirmed'`;
    expect(afterFailure).toMatchObject({ delivered_at: null, attempts: 1, last_error: "SMTP 451 try again" });

    const folder = mkdtempSync(path.join(tmpdir(), "frontrow-mail-"));
    const working = { ...api.deps, mail: createMailTransport({ folder }), logger: quiet };
    expect(await deliverOutboxBatch(working)).toBe(0); // not due yet
    services.clock.advance(2_500);
    expect(await deliverOutboxBatch(working)).toBe(1);
    expect(readdirSync(folder)).toHaveLength(1);
  });

  test("as the sole deliverer (the embedded Postgres) it delivers without a claiming transaction, once, and retries a failure", async ({
    api,
    services,
  }) => {
    await buyTickets(api, services.database.db);
    const failing: MailTransport = { send: () => Promise.reject(new Error("SMTP 451 try again")) };
    expect(await deliverOutboxBatch({ ...api.deps, mail: failing, logger: quiet }, 20, "sole-deliverer")).toBe(1);
    const [afterFailure] = await services.database.sql`select delivered_at, attempts from outbox where topic = 'order.confirmed'`;
    expect(afterFailure).toMatchObject({ delivered_at: null, attempts: 1 });

    const folder = mkdtempSync(path.join(tmpdir(), "frontrow-mail-"));
    const working = { ...api.deps, mail: createMailTransport({ folder }), logger: quiet };
    services.clock.advance(2_500);
    // One connection, as on PGlite: with a claiming transaction holding it, the delivery's reads would wait forever.
    const single = createDb(services.database.url, { max: 1 });
    try {
      const oneConnection = { ...working, db: single.db };
      expect(await deliverOutboxBatch(oneConnection, 20, "sole-deliverer")).toBe(1);
      expect(await deliverOutboxBatch(oneConnection, 20, "sole-deliverer")).toBe(0);
    } finally {
      await single.close();
    }
    expect(readdirSync(folder)).toHaveLength(1);
    const [delivered] = await services.database.sql`select delivered_at, attempts from outbox where topic = 'order.confirmed'`;
    expect(delivered?.delivered_at).not.toBeNull();
    expect(delivered?.attempts).toBe(2);
  });

  test("workers racing on several instances deliver each message once", async ({ api, services }) => {
    for (let i = 0; i < 4; i++) await buyTickets(api, services.database.db, 1);
    const sent: string[] = [];
    const counting: MailTransport = {
      async send(message) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        sent.push(message.to);
        return "ok";
      },
    };
    await Promise.all(
      Array.from({ length: 4 }, () => deliverOutboxBatch({ ...api.deps, mail: counting, logger: quiet }, 2)),
    );
    while ((await deliverOutboxBatch({ ...api.deps, mail: counting, logger: quiet })) > 0);
    expect(sent).toHaveLength(4);
    const [{ n }] = (await services.database.sql`select count(*)::int as n from outbox where delivered_at is null and topic = 'order.confirmed'`) as unknown as [{ n: number }];
    expect(n).toBe(0);
  });

  test("a crash between sending and recording the delivery redelivers the same message, not a second one", async ({
    api,
    services,
  }) => {
    await buyTickets(api, services.database.db);
    const folder = mkdtempSync(path.join(tmpdir(), "frontrow-mail-"));
    const files = createMailTransport({ folder, domain: "tickets.example.org" });
    // The process "dies" right after the mail went out: the claiming transaction never commits.
    const crashing: MailTransport = {
      async send(message) {
        await files.send(message);
        throw new Error("process killed after send");
      },
    };
    const crashed = await api.deps.db
      .transaction(async (tx) => {
        await deliverOutboxBatch({ ...api.deps, db: tx as never, mail: crashing, logger: quiet });
        throw new Error("connection lost");
      })
      .catch((error: Error) => error.message);
    expect(crashed).toBe("connection lost");
    const [row] = await services.database.sql`select delivered_at, attempts from outbox where topic = 'order.confirmed'`;
    expect(row).toMatchObject({ delivered_at: null, attempts: 0 });

    expect(await deliverOutboxBatch({ ...api.deps, mail: files, logger: quiet })).toBe(1);
    const sent = readdirSync(folder);
    expect(sent).toHaveLength(1); // the redelivery replaced the first copy: one message
    const eml = readFileSync(path.join(folder, sent[0]!), "utf8");
    // The install's domain, and the order's random id: another install's row 1 is another message.
    const [order] = await services.database.sql`select id from orders`;
    const unfolded = eml.replace(/\r?\n[ \t]+/g, " "); // a long header continues on the next line
    expect(unfolded).toMatch(new RegExp(`^Message-ID: <outbox-\\d+\\.${order!.id}@tickets\\.example\\.org>$`, "m"));
  });

  test("a sale whose process died right after the commit still ends with its seats sold in Redis, GA counted once", async ({
    api,
    services,
  }) => {
    const { db } = services.database;
    const venue = await createTestVenue(db, {
      sections: [
        { name: "101", rows: 1, seatsPerRow: 6 },
        { name: "Floor", generalAdmission: 10 },
      ],
    });
    const { eventId } = await createTestEvent(db, { venueId: venue.venueId });
    const floor = venue.sections.find((section) => section.name === "Floor")!.id;
    const seatIds = venue.seats.slice(0, 2).map((seat) => seat.id);
    const payment = { cardNumber: TEST_CARDS.approved, expMonth: 1, expYear: 2099, cvc: "123", name: "Gone Midway" };
    const { seats: seatsKey, gaHeld: gaHeldKey, gaAvailable: gaAvailableKey } = keys.eventInventory(eventId);
    const { redis } = api.deps;
    const redisState = async () => ({
      seats: await redis.hmget(seatsKey, ...seatIds),
      floorAvailable: Number(await redis.hget(gaAvailableKey, floor)),
      floorHeld: Number(await redis.hget(gaHeldKey, floor)),
    });

    // The process "dies" between the commit and turning the holds into sold seats in Redis.
    const dyingRedis = new Proxy(redis, {
      get: (target, name) => {
        if (name === "completeCheckout") return () => Promise.reject(new Error("process killed after the commit"));
        const value: unknown = Reflect.get(target, name, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const dying = createApiHarness({ ...api.deps, redis: dyingRedis });
    const fan = await dying.fan("Gone Midway");
    const hold = await (await fan.call()).holds.create({ eventId, seatIds });
    const gaHold = await (await fan.call()).holds.create({ eventId, sections: [{ sectionId: floor, quantity: 3 }] });
    await (await fan.call()).checkout.complete({ holdId: hold.holdId, idempotencyKey: "k-dying-1", payment });
    await (await fan.call()).checkout.complete({ holdId: gaHold.holdId, idempotencyKey: "k-dying-2", payment });
    const stillHeld = await redisState();
    expect(stillHeld.seats.every((mark) => mark?.startsWith(hold.holdId))).toBe(true);
    expect(stillHeld).toMatchObject({ floorAvailable: 10, floorHeld: 3 });

    // Another instance's outbox worker converts them when their job is due, well inside the checkout grace…
    const deps = { ...api.deps, mail: createMailTransport({ folder: mkdtempSync(path.join(tmpdir(), "frontrow-mail-")) }), logger: quiet };
    services.clock.advance(11_000);
    while ((await deliverOutboxBatch(deps)) > 0);
    expect(await redisState()).toEqual({ seats: ["s", "s"], floorAvailable: 7, floorHeld: 0 });

    // …so nothing is released past expiry and grace, and a normal sale's own second pass moves GA counts once.
    services.clock.advance(11 * 60_000);
    const sweeper = startHoldSweeper(api.deps, { intervalMs: 10 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await sweeper.stop();
    const buyer = await api.fan();
    const more = await (await buyer.call()).holds.create({ eventId, sections: [{ sectionId: floor, quantity: 2 }] });
    await (await buyer.call()).checkout.complete({ holdId: more.holdId, idempotencyKey: "k-normal", payment });
    services.clock.advance(11_000);
    while ((await deliverOutboxBatch(deps)) > 0);
    expect(await redisState()).toEqual({ seats: ["s", "s"], floorAvailable: 5, floorHeld: 0 });
  });

  test("a sale whose capture failed after the commit is captured later by the worker, once", async ({ api, services }) => {
    const captures: string[] = [];
    const working = createTestPaymentProvider();
    const failingCapture = { ...working, capture: () => Promise.reject(new Error("process killed before capture")) };
    const crashing = createApiHarness({ ...api.deps, payments: failingCapture });
    const { order } = await buyTickets(crashing, services.database.db);
    expect(order.status).toBe("confirmed"); // the fan got their tickets
    const payment = () => services.database.sql`select status from payments where order_id = ${order.id}`;
    expect(await payment()).toEqual([{ status: "authorized" }]);

    const counting = { ...working, capture: async (id: string) => void captures.push(id) };
    const folder = mkdtempSync(path.join(tmpdir(), "frontrow-mail-"));
    const deps = { ...api.deps, payments: counting, mail: createMailTransport({ folder }), logger: quiet };
    services.clock.advance(31_000);
    while ((await deliverOutboxBatch(deps)) > 0);
    expect(await payment()).toEqual([{ status: "captured" }]);
    expect(captures).toHaveLength(1);
  });
});
