import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  createMailTransport,
  createTestPaymentProvider,
  deliverOutboxBatch,
  TEST_CARDS,
  type MailTransport,
  type OutboxDeps,
} from "@frontrow/core";
import { createTestEvent, createTestVenue } from "@frontrow/db/testing";
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
    const files = createMailTransport({ folder });
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
    expect(eml).toMatch(/^Message-ID: <outbox-\d+@frontrow\.local>$/m);
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
