import { checkTicketCode, decodeKey, rotatingTicketCode } from "@frontrow/validators/ticket-codes";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createMailTransport, deliverOutboxBatch, TEST_CARDS, verifyTicketPayload } from "@frontrow/core";
import { createTestEvent, createTestVenue } from "@frontrow/db/testing";
import { keys } from "@frontrow/redis";
import type { Sql } from "postgres";
import { describe, expect } from "vitest";
import { formOf } from "../admin-test-helpers";
import { domainCode, failure, signInOrganizer, test, type ApiHarness, type TestClient } from "../testing";

const card = { cardNumber: TEST_CARDS.approved, expMonth: 12, expYear: 2099, cvc: "123", name: "Alex Fan" };

type Fan = TestClient & { userId: string; email: string };

async function fan(api: ApiHarness, name?: string): Promise<Fan> {
  const client = await api.fan(name);
  const me = await (await client.call()).auth.me();
  return Object.assign(client, { email: me!.email });
}

async function setup(api: ApiHarness, services: { database: { db: Parameters<typeof createTestVenue>[0] } }, seatCount = 40) {
  const venue = await createTestVenue(services.database.db, {
    sections: [
      { name: "101", rows: 1, seatsPerRow: seatCount },
      { name: "Floor", generalAdmission: 20 },
    ],
  });
  const { eventId } = await createTestEvent(services.database.db, { venueId: venue.venueId, priceCents: 4_000 });
  const seatIds = venue.seats.sort((a, b) => a.number - b.number).map((seat) => seat.id);
  const floor = venue.sections.find((section) => section.name === "Floor")!.id;
  return { eventId, seatIds, floor };
}

async function buy(api: ApiHarness, buyer: Fan | undefined, eventId: string, seatIds: string[]) {
  const owner = buyer ?? (await fan(api));
  const hold = await (await owner.call()).holds.create({ eventId, seatIds });
  const { order } = await (await owner.call()).checkout.complete({
    holdId: hold.holdId,
    idempotencyKey: `k-${Math.random()}`,
    payment: card,
  });
  return { owner, order };
}

/** Postgres's truth for the seats: how many valid tickets each has, and who holds them. */
async function validTickets(sql: Sql, seatIds: string[]) {
  const rows = await sql<Array<{ seat_id: string; holder_id: string }>>`
    select seat_id, holder_id from tickets where status = 'valid' and seat_id = any(${seatIds})`;
  return rows;
}

async function bought(api: ApiHarness, eventId: string, userId: string) {
  return Number((await api.deps.redis.hget(keys.eventInventory(eventId).bought, userId)) ?? 0);
}

describe("ticket transfer", () => {
  test("send, mail, accept: the recipient gets new signed tickets, the sender's stop working, counts move", async ({
    api,
    services,
  }) => {
    const { eventId, seatIds } = await setup(api, services);
    const { sql } = services.database;
    const { owner: alex, order } = await buy(api, undefined, eventId, seatIds.slice(0, 3));
    const sam = await fan(api, "Sam Recipient");
    const [sent, kept] = [order.tickets[0]!, order.tickets[1]!];

    const transfer = await (await alex.call()).transfers.send({ orderId: order.id, ticketIds: [sent.id], toEmail: ` ${sam.email.toUpperCase()} ` });
    expect(transfer).toMatchObject({ direction: "outgoing", status: "pending", toEmail: sam.email, tickets: [{ seat: sent.seat }] });

    // The recipient sees it, without the ticket's code; the sender cannot send the same ticket twice.
    const { incoming } = await (await sam.call()).transfers.mine();
    expect(incoming).toEqual([
      expect.objectContaining({ id: transfer.id, status: "pending", from: { name: expect.any(String), email: alex.email } }),
    ]);
    expect(incoming[0]!.tickets).toEqual([{ ticketId: sent.id, seat: sent.seat, code: null, qr: null, rotatingKey: null }]);
    const twice = await failure((await alex.call()).transfers.send({ orderId: order.id, ticketIds: [sent.id, kept.id], toEmail: "other@example.com" }));
    expect([twice.code, domainCode(twice)]).toEqual(["CONFLICT", "TRANSFER_PENDING"]);

    // The outbox mails the recipient.
    const folder = mkdtempSync(path.join(tmpdir(), "frontrow-transfer-mail-"));
    await deliverOutboxBatch({ ...api.deps, mail: createMailTransport({ folder }), logger: { info: () => {}, warn: () => {} } });
    const mails = readdirSync(folder).map((file) => readFileSync(path.join(folder, file), "utf8"));
    const toSam = mails.filter((mail) => mail.includes(`To: ${sam.email}`));
    expect(toSam).toHaveLength(1);
    expect(toSam[0]).toMatch(/sent you 1 ticket for/);

    const accepted = await (await sam.call()).transfers.accept({ transferId: transfer.id });
    expect(accepted.status).toBe("accepted");
    const [issued] = accepted.tickets;
    expect(issued!.ticketId).not.toBe(sent.id);
    expect(issued!.code).toMatch(/^FR-/);
    expect(issued!.code).not.toBe(sent.code);
    expect(verifyTicketPayload(api.deps.tickets.publicKeyPem, issued!.qr!)).toEqual({
      ticketId: issued!.ticketId,
      eventId,
      seat: verifyTicketPayload(api.deps.tickets.publicKeyPem, sent.qr!)!.seat,
    });
    // The recipient, who holds the new ticket, gets its live code's key (its seat, its own id); the sender does not.
    const live = rotatingTicketCode(issued!.rotatingKey!, Date.now()).code;
    const serverPublicKey = decodeKey(api.deps.tickets.publicKeyRaw);
    expect(checkTicketCode(live, { serverPublicKey, nowMs: Date.now(), eventId, allowPrinted: true })).toMatchObject({
      ok: true,
      ticketId: issued!.ticketId,
    });
    const [outgoing] = (await (await alex.call()).transfers.mine()).outgoing;
    expect(outgoing!.tickets.map((ticket) => ticket.rotatingKey)).toEqual([null]);

    // The sender's order shows the sent ticket void (the recipient's new one is not theirs to see).
    const after = await (await alex.call()).orders.byId({ orderId: order.id });
    expect(after.tickets.map((ticket) => [ticket.id, ticket.status])).toEqual(
      order.tickets.map((ticket) => [ticket.id, ticket.id === sent.id ? "void" : "valid"]),
    );
    const holders = await validTickets(sql, seatIds.slice(0, 3));
    expect(holders).toHaveLength(3);
    expect(holders.filter((row) => row.holder_id === sam.userId)).toHaveLength(1);
    expect([await bought(api, eventId, alex.userId), await bought(api, eventId, sam.userId)]).toEqual([2, 1]);

    // The transfer is over: neither a second accept nor a cancel changes it. The buyer can no longer self-cancel.
    const again = await failure((await sam.call()).transfers.accept({ transferId: transfer.id }));
    expect([again.code, domainCode(again)]).toEqual(["CONFLICT", "TRANSFER_NOT_PENDING"]);
    const late = await failure((await alex.call()).transfers.cancel({ transferId: transfer.id }));
    expect(domainCode(late)).toBe("TRANSFER_NOT_PENDING");
    const cancel = await failure((await alex.call()).orders.cancel({ orderId: order.id }));
    expect(domainCode(cancel)).toBe("CANCELLATION_NOT_ALLOWED");

    // The recipient can pass it on in turn.
    const third = await fan(api);
    const onward = await (await sam.call()).transfers.send({ orderId: order.id, ticketIds: [issued!.ticketId], toEmail: third.email });
    await (await third.call()).transfers.accept({ transferId: onward.id });
    expect([await bought(api, eventId, sam.userId), await bought(api, eventId, third.userId)]).toEqual([0, 1]);

    // The organizer refunds the order: every ticket of it stops working, whoever holds it, and the counts follow.
    const organizer = await signInOrganizer(api, sql);
    await (await organizer.call()).admin.orders.cancel({ orderId: order.id });
    expect(await validTickets(sql, seatIds.slice(0, 3))).toEqual([]);
    expect([await bought(api, eventId, alex.userId), await bought(api, eventId, third.userId)]).toEqual([0, 0]);
  });

  test("an organizer's refund of a transferred order with a waiting list: the transfer's count is undone, the seats offered", async ({
    api,
    services,
  }) => {
    const { eventId, seatIds } = await setup(api, services, 2);
    const { sql } = services.database;
    await sql`update events set waiting_list_enabled = true where id = ${eventId}`;
    api.deps.layouts.invalidate(eventId);
    const { owner: alex, order } = await buy(api, undefined, eventId, seatIds);
    const sam = await fan(api);
    const transfer = await (await alex.call()).transfers.send({ orderId: order.id, ticketIds: [order.tickets[0]!.id], toEmail: sam.email });
    await (await sam.call()).transfers.accept({ transferId: transfer.id });
    expect([await bought(api, eventId, alex.userId), await bought(api, eventId, sam.userId)]).toEqual([1, 1]);
    const casey = await fan(api);
    const section = (await sql<Array<{ section_id: string }>>`select section_id from seats where id = ${seatIds[0]!}`)[0]!;
    await (await casey.call()).waitingList.join({ eventId, quantity: 2, sectionId: section.section_id });

    const organizer = await signInOrganizer(api, sql);
    await (await organizer.call()).admin.orders.cancel({ orderId: order.id });
    // Neither the buyer nor the recipient holds a ticket any more, so neither counts one.
    expect([await bought(api, eventId, alex.userId), await bought(api, eventId, sam.userId)]).toEqual([0, 0]);
    const offered = await (await casey.call()).waitingList.status({ eventId });
    expect(offered.entry).toMatchObject({ status: "offered", offer: { holdId: expect.any(String) } });
  });

  test("a transfer to an email without an account waits for the account; a reload of Redis counts it", async ({
    api,
    services,
  }) => {
    const { eventId, seatIds } = await setup(api, services);
    const { owner: alex, order } = await buy(api, undefined, eventId, seatIds.slice(0, 2));
    const email = `newcomer-${Math.random().toString(36).slice(2)}@example.com`;
    const transfer = await (await alex.call()).transfers.send({ orderId: order.id, ticketIds: order.tickets.map((t) => t.id), toEmail: email });
    const newcomer = api.client({ ip: "198.18.1.1" });
    const { user } = await (await newcomer.call()).auth.register({ email, password: "correct horse battery", name: "Newcomer" });
    expect((await (await newcomer.call()).transfers.mine()).incoming.map((t) => t.id)).toEqual([transfer.id]);
    await (await newcomer.call()).transfers.accept({ transferId: transfer.id });

    // Redis loses the event: the reload counts tickets by who holds them.
    const inventory = keys.eventInventory(eventId);
    await api.deps.redis.del(inventory.loaded, inventory.bought);
    await (await alex.call()).seats.map({ eventId });
    expect([await bought(api, eventId, alex.userId), await bought(api, eventId, user.id)]).toEqual([0, 2]);
  });

  test("the recipient's per-fan limit counts received tickets: past it the accept is refused and nothing moves", async ({
    api,
    services,
  }) => {
    const { eventId, seatIds } = await setup(api, services);
    const { sql } = services.database;
    await sql`update events set per_fan_limit = 3 where id = ${eventId}`;
    api.deps.layouts.invalidate(eventId);
    const { owner: sam } = await buy(api, undefined, eventId, seatIds.slice(0, 2));
    const { owner: alex, order } = await buy(api, undefined, eventId, seatIds.slice(2, 4));
    const transfer = await (await alex.call()).transfers.send({
      orderId: order.id,
      ticketIds: order.tickets.map((t) => t.id),
      toEmail: (await (await sam.call()).auth.me())!.email,
    });
    const refused = await failure((await sam.call()).transfers.accept({ transferId: transfer.id }));
    expect([refused.code, domainCode(refused)]).toEqual(["FORBIDDEN", "LIMIT_EXCEEDED"]);
    expect(refused.message).toMatch(/at most 3 tickets/);
    expect((await validTickets(sql, seatIds.slice(2, 4))).map((row) => row.holder_id)).toEqual([alex.userId, alex.userId]);
    // Still pending; the recipient declines and the sender keeps the tickets.
    const declined = await (await sam.call()).transfers.decline({ transferId: transfer.id });
    expect(declined.status).toBe("declined");
    expect((await (await alex.call()).transfers.mine()).outgoing[0]!.status).toBe("declined");
    // A hold also counts them: the received tickets count toward the recipient's limit in Redis.
    const one = await (await alex.call()).transfers.send({ orderId: order.id, ticketIds: [order.tickets[0]!.id], toEmail: (await (await sam.call()).auth.me())!.email });
    await (await sam.call()).transfers.accept({ transferId: one.id });
    const hold = await failure((await sam.call()).holds.create({ eventId, seatIds: [seatIds[10]!] }));
    expect(domainCode(hold)).toBe("LIMIT_EXCEEDED");
  });

  test("an event that forbids transfers, or past its cut-off, refuses them; a pending one expires", async ({ api, services }) => {
    const { eventId, seatIds } = await setup(api, services);
    const { sql } = services.database;
    const { owner: alex, order } = await buy(api, undefined, eventId, seatIds.slice(0, 2));
    const sam = await fan(api);
    const send = async () =>
      (await alex.call()).transfers.send({ orderId: order.id, ticketIds: [order.tickets[0]!.id], toEmail: sam.email });

    await sql`update events set transfers_allowed = false where id = ${eventId}`;
    const forbidden = await failure(send());
    expect([forbidden.code, domainCode(forbidden)]).toEqual(["FORBIDDEN", "TRANSFER_NOT_ALLOWED"]);
    expect(forbidden.message).toMatch(/does not allow ticket transfers/);

    await sql`update events set transfers_allowed = true, transfer_cutoff_hours = 48 where id = ${eventId}`;
    const pending = await send();
    // The show moves closer than the cut-off: no new transfer, and the pending one can no longer be accepted.
    await sql`update events set starts_at = now() + interval '24 hours' where id = ${eventId}`;
    const late = await failure(
      (await alex.call()).transfers.send({ orderId: order.id, ticketIds: [order.tickets[1]!.id], toEmail: sam.email }),
    );
    expect(domainCode(late)).toBe("TRANSFER_NOT_ALLOWED");
    expect(late.message).toMatch(/closed 48 hours before the show/);
    expect((await (await sam.call()).transfers.mine()).incoming[0]!.status).toBe("expired");
    const expired = await failure((await sam.call()).transfers.accept({ transferId: pending.id }));
    expect([domainCode(expired), expired.message]).toEqual(["TRANSFER_NOT_PENDING", "This transfer expired at the event's transfer cut-off"]);
    const [row] = await sql`select status from ticket_transfers where id = ${pending.id}`;
    expect(row!.status).toBe("expired");
    expect((await validTickets(sql, seatIds.slice(0, 2))).map((r) => r.holder_id)).toEqual([alex.userId, alex.userId]);
  });

  test("a buyer cancelling an order ends its pending transfers: the recipient can no longer accept", async ({ api, services }) => {
    const { eventId, seatIds } = await setup(api, services);
    const { owner: alex, order } = await buy(api, undefined, eventId, seatIds.slice(0, 2));
    const sam = await fan(api);
    const transfer = await (await alex.call()).transfers.send({ orderId: order.id, ticketIds: [order.tickets[0]!.id], toEmail: sam.email });
    await (await alex.call()).orders.cancel({ orderId: order.id });
    expect((await (await sam.call()).transfers.mine()).incoming[0]!.status).toBe("cancelled");
    const refused = await failure((await sam.call()).transfers.accept({ transferId: transfer.id }));
    expect(domainCode(refused)).toBe("TRANSFER_NOT_PENDING");
    expect(await validTickets(services.database.sql, seatIds.slice(0, 2))).toEqual([]);
  });

  test("the organizer sets both in the event form; the audit log records them; a bad cut-off is refused", async ({
    api,
    services,
  }) => {
    const { eventId, seatIds } = await setup(api, services);
    const { sql } = services.database;
    const organizer = await signInOrganizer(api, sql);
    const admin = await organizer.call();
    const event = await admin.admin.events.byId({ eventId });
    expect([event.transfersAllowed, event.transferCutoffHours]).toEqual([true, 0]);
    await admin.admin.events.update({ ...formOf(event), transfersAllowed: false, transferCutoffHours: 12 });
    expect(await admin.admin.events.byId({ eventId })).toMatchObject({ transfersAllowed: false, transferCutoffHours: 12 });
    const [entry] = await admin.admin.audit.list({ subjectId: eventId });
    expect(entry?.details).toMatchObject({ transfersAllowed: [true, false], transferCutoffHours: [0, 12] });
    const negative = await failure(admin.admin.events.update({ ...formOf(event), transferCutoffHours: -1 }));
    expect(negative.code).toBe("BAD_REQUEST");

    const { owner, order } = await buy(api, undefined, eventId, seatIds.slice(0, 1));
    const refused = await failure((await owner.call()).transfers.send({ orderId: order.id, ticketIds: [order.tickets[0]!.id], toEmail: "a@example.com" }));
    expect(domainCode(refused)).toBe("TRANSFER_NOT_ALLOWED");
  });

  test("bad input: someone else's ticket, a transfer to oneself, another fan's transfer, a malformed email", async ({
    api,
    services,
  }) => {
    const { eventId, seatIds } = await setup(api, services);
    const { owner: alex, order } = await buy(api, undefined, eventId, seatIds.slice(0, 1));
    const mallory = await fan(api);
    const notMine = await failure(
      (await mallory.call()).transfers.send({ orderId: order.id, ticketIds: [order.tickets[0]!.id], toEmail: "y@example.com" }),
    );
    expect(domainCode(notMine)).toBe("NOT_FOUND");
    const self = await failure((await alex.call()).transfers.send({ orderId: order.id, ticketIds: [order.tickets[0]!.id], toEmail: alex.email }));
    expect([self.code, domainCode(self), self.message]).toEqual(["BAD_REQUEST", "INVALID_INPUT", "You cannot transfer tickets to yourself"]);
    const badEmail = await failure((await alex.call()).transfers.send({ orderId: order.id, ticketIds: [order.tickets[0]!.id], toEmail: "nope" }));
    expect(badEmail.code).toBe("BAD_REQUEST");
    const transfer = await (await alex.call()).transfers.send({ orderId: order.id, ticketIds: [order.tickets[0]!.id], toEmail: "x@example.com" });
    const caller = await mallory.call();
    for (const call of [caller.transfers.accept, caller.transfers.decline, caller.transfers.cancel]) {
      expect(domainCode(await failure(call({ transferId: transfer.id })))).toBe("NOT_FOUND");
    }
  });
});

describe("ticket transfer races (many concurrent clients)", () => {
  test("many accepts of one transfer at once: exactly one moves the tickets", async ({ api, services }) => {
    const { eventId, seatIds } = await setup(api, services);
    const { sql } = services.database;
    const { owner: alex, order } = await buy(api, undefined, eventId, seatIds.slice(0, 4));
    const sam = await fan(api);
    const transfer = await (await alex.call()).transfers.send({ orderId: order.id, ticketIds: order.tickets.map((t) => t.id), toEmail: sam.email });
    // Twelve browsers of the recipient's, each with the same session.
    const tabs = Array.from({ length: 12 }, () => api.client({ sessionToken: sam.sessionToken }));
    const results = await Promise.allSettled(tabs.map(async (tab) => (await tab.call()).transfers.accept({ transferId: transfer.id })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(domainCode(r.reason)).toBe("TRANSFER_NOT_PENDING");
    const holders = await validTickets(sql, seatIds.slice(0, 4));
    expect(holders.map((row) => row.holder_id)).toEqual(Array(4).fill(sam.userId));
    const [{ count }] = await sql<[{ count: number }]>`select count(*)::int as count from tickets where event_id = ${eventId}`;
    expect(count).toBe(8);
    expect(await bought(api, eventId, sam.userId)).toBe(4);
    const [row] = await sql`select status from ticket_transfers where id = ${transfer.id}`;
    expect(row!.status).toBe("accepted");
  });

  test("accept against the sender's cancel, many times at once: always one of them, never both or neither", async ({
    api,
    services,
  }) => {
    const { eventId, seatIds } = await setup(api, services);
    const { sql } = services.database;
    const rounds = 16;
    const pairs = await Promise.all(
      Array.from({ length: rounds }, async (_, i) => {
        const { owner, order } = await buy(api, undefined, eventId, seatIds.slice(i * 2, i * 2 + 2));
        const recipient = await fan(api);
        const transfer = await (await owner.call()).transfers.send({ orderId: order.id, ticketIds: order.tickets.map((t) => t.id), toEmail: recipient.email });
        return { owner, recipient, transfer, seats: seatIds.slice(i * 2, i * 2 + 2) };
      }),
    );
    const outcomes = await Promise.all(
      pairs.map(async ({ owner, recipient, transfer }) => {
        const [accept, cancel] = await Promise.allSettled([
          (async () => (await recipient.call()).transfers.accept({ transferId: transfer.id }))(),
          (async () => {
            // Staggered, so the cancel lands at every point of the accept's transaction in one round or another.
            await new Promise((resolve) => setTimeout(resolve, Math.random() * 40));
            return (await owner.call()).transfers.cancel({ transferId: transfer.id });
          })(),
        ]);
        return { accepted: accept.status === "fulfilled", cancelled: cancel.status === "fulfilled", accept, cancel };
      }),
    );
    for (const [i, outcome] of outcomes.entries()) {
      expect(outcome.accepted !== outcome.cancelled).toBe(true);
      const loser = outcome.accepted ? outcome.cancel : outcome.accept;
      expect(domainCode((loser as PromiseRejectedResult).reason)).toBe("TRANSFER_NOT_PENDING");
      const { owner, recipient, seats } = pairs[i]!;
      const holder = outcome.accepted ? recipient.userId : owner.userId;
      expect((await validTickets(sql, seats)).map((row) => row.holder_id)).toEqual([holder, holder]);
      expect(await bought(api, eventId, holder)).toBe(2);
      const [row] = await sql`select status from ticket_transfers where id = ${pairs[i]!.transfer.id}`;
      expect(row!.status).toBe(outcome.accepted ? "accepted" : "cancelled");
    }
  });

  test("many transfers of one ticket at once: one is pending, the rest are refused", async ({ api, services }) => {
    const { eventId, seatIds } = await setup(api, services);
    const { sql } = services.database;
    const { owner: alex, order } = await buy(api, undefined, eventId, seatIds.slice(0, 2));
    const tabs = Array.from({ length: 12 }, () => api.client({ sessionToken: alex.sessionToken }));
    const results = await Promise.allSettled(
      tabs.map(async (tab, i) =>
        (await tab.call()).transfers.send({ orderId: order.id, ticketIds: [order.tickets[i % 2]!.id], toEmail: `friend${i}@example.com` }),
      ),
    );
    // One per ticket.
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(2);
    for (const r of results) if (r.status === "rejected") expect(domainCode(r.reason)).toBe("TRANSFER_PENDING");
    const [{ count }] = await sql<[{ count: number }]>`select count(*)::int as count from ticket_transfers where status = 'pending'`;
    expect(count).toBe(2);
  });

  test("accepts that together would pass the recipient's limit, at once: only those within it succeed", async ({
    api,
    services,
  }) => {
    const { eventId, seatIds } = await setup(api, services);
    const { sql } = services.database;
    await sql`update events set per_fan_limit = 3 where id = ${eventId}`;
    api.deps.layouts.invalidate(eventId);
    const sam = await fan(api);
    const transfers = await Promise.all(
      Array.from({ length: 8 }, async (_, i) => {
        const { owner, order } = await buy(api, undefined, eventId, [seatIds[i]!]);
        return (await owner.call()).transfers.send({ orderId: order.id, ticketIds: [order.tickets[0]!.id], toEmail: sam.email });
      }),
    );
    const tabs = transfers.map(() => api.client({ sessionToken: sam.sessionToken }));
    const results = await Promise.allSettled(
      transfers.map(async (transfer, i) => (await tabs[i]!.call()).transfers.accept({ transferId: transfer.id })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
    for (const r of results) if (r.status === "rejected") expect(domainCode(r.reason)).toBe("LIMIT_EXCEEDED");
    const [{ count }] = await sql<[{ count: number }]>`select count(*)::int as count from tickets where holder_id = ${sam.userId} and status = 'valid'`;
    expect(count).toBe(3);
    expect(await bought(api, eventId, sam.userId)).toBe(3);
  });

  test("the organizer cancelling the order while the recipient accepts: the tickets end void either way", async ({
    api,
    services,
  }) => {
    const { eventId, seatIds } = await setup(api, services);
    const { sql } = services.database;
    const organizer = await signInOrganizer(api, sql);
    for (let round = 0; round < 5; round++) {
      const seats = seatIds.slice(round * 2, round * 2 + 2);
      const { owner, order } = await buy(api, undefined, eventId, seats);
      const sam = await fan(api);
      const transfer = await (await owner.call()).transfers.send({ orderId: order.id, ticketIds: order.tickets.map((t) => t.id), toEmail: sam.email });
      const [accept] = await Promise.allSettled([
        (async () => (await sam.call()).transfers.accept({ transferId: transfer.id }))(),
        (async () => (await organizer.call()).admin.orders.cancel({ orderId: order.id }))(),
      ]);
      if (accept.status === "rejected") expect(domainCode(accept.reason)).toBe("TRANSFER_NOT_PENDING");
      expect(await validTickets(sql, seats)).toEqual([]);
      expect([await bought(api, eventId, owner.userId), await bought(api, eventId, sam.userId)]).toEqual([0, 0]);
    }
  });
});
