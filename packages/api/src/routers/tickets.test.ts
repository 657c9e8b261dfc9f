import { TEST_CARDS } from "@frontrow/core";
import { createTestEvent, createTestVenue } from "@frontrow/db/testing";
import { checkTicketCode, decodeKey, rotatingTicketCode } from "@frontrow/validators/ticket-codes";
import { describe, expect } from "vitest";
import { domainCode, failure, signInOrganizer, test, type ApiHarness } from "../testing";

const card = { cardNumber: TEST_CARDS.approved, expMonth: 12, expYear: new Date().getUTCFullYear() + 2, cvc: "123", name: "Alex Fan" };

/** A fan who bought two seats of a new event, and the order as their ticket page sees it. */
async function fanWithTickets(api: ApiHarness, db: Parameters<typeof createTestVenue>[0]) {
  const venue = await createTestVenue(db, { sections: [{ name: "101", rows: 1, seatsPerRow: 4 }] });
  const { eventId } = await createTestEvent(db, { venueId: venue.venueId });
  const fan = await api.fan();
  const hold = await (await fan.call()).holds.create({ eventId, seatIds: venue.seats.slice(0, 2).map((seat) => seat.id) });
  const { order } = await (await fan.call()).checkout.complete({ holdId: hold.holdId, idempotencyKey: `k-${Math.random()}`, payment: card });
  return { eventId, fan, order: await (await fan.call()).orders.byId({ orderId: order.id }) };
}

describe("door scanning", () => {
  test("only door staff and organizers scan; an organizer makes an account door staff, effective at its next call", async ({
    api,
    services,
  }) => {
    const { eventId, fan, order } = await fanWithTickets(api, services.database.db);
    const ticket = order.tickets[0]!;
    const code = rotatingTicketCode(ticket.rotatingKey!, api.deps.clock.now().getTime()).code;

    expect((await failure((await api.client().call()).tickets.scanSetup())).code).toBe("UNAUTHORIZED");
    expect((await failure((await fan.call()).tickets.admit({ eventId, code }))).code).toBe("FORBIDDEN");
    const door = await api.fan("Door");
    // Signed in (and its session cached) before the grant.
    expect((await failure((await door.call()).tickets.scanSetup())).code).toBe("FORBIDDEN");
    expect((await failure((await fan.call()).admin.users.setRole({ email: "x@example.com", role: "scanner" }))).code).toBe("FORBIDDEN");

    const organizer = await signInOrganizer(api, services.database.sql);
    const { email } = (await (await door.call()).auth.me())!;
    expect(await (await organizer.call()).admin.users.setRole({ email, role: "scanner" })).toMatchObject({ email, role: "scanner" });
    const organizerEmail = (await (await organizer.call()).auth.me())!.email;
    const keepsRole = await failure((await organizer.call()).admin.users.setRole({ email: organizerEmail, role: "fan" }));
    expect([keepsRole.code, domainCode(keepsRole)]).toEqual(["FORBIDDEN", "FORBIDDEN"]);

    // The scanner's setup: the server's public key checks the fan's live code offline.
    const setup = await (await door.call()).tickets.scanSetup();
    const event = setup.events.find((entry) => entry.id === eventId)!;
    expect(event).toMatchObject({ allowPrintedTickets: true });
    expect(
      checkTicketCode(code, { serverPublicKey: decodeKey(setup.publicKey), nowMs: Date.now(), eventId, allowPrinted: true }),
    ).toMatchObject({ ok: true, ticketId: ticket.id });

    const admitted = await (await door.call()).tickets.admit({ eventId, code });
    expect(admitted).toMatchObject({ ticketId: ticket.id, kind: "rotating", code: ticket.code, seat: ticket.seat });
    const twice = await failure((await organizer.call()).tickets.admit({ eventId, code }));
    expect([twice.code, domainCode(twice), twice.message]).toEqual(["CONFLICT", "TICKET_ALREADY_USED", expect.stringMatching(/^Already used at/)]);
    expect((await (await fan.call()).orders.byId({ orderId: order.id })).tickets[0]!.admittedAt).toEqual(admitted.admittedAt);

    // Back to a fan: refused again at the next call.
    await (await organizer.call()).admin.users.setRole({ email, role: "fan" });
    expect((await failure((await door.call()).tickets.scanSetup())).code).toBe("FORBIDDEN");

    // Who made the account door staff, and who took it back, is in the audit log under the account.
    const log = await (await organizer.call()).admin.audit.list({});
    const roleChanges = log.filter((entry) => entry.action === "user.role");
    expect(roleChanges.map((entry) => [entry.subjectType, entry.subjectName, entry.details, entry.actor.email])).toEqual([
      ["user", email, { from: "scanner", to: "fan" }, organizerEmail],
      ["user", email, { from: "fan", to: "scanner" }, organizerEmail],
    ]);
  });

  test("a cancelled order's tickets are refused; the rotating key goes to the ticket page alone; printing can be turned off", async ({
    api,
    services,
  }) => {
    const { eventId, fan, order } = await fanWithTickets(api, services.database.db);
    const organizer = await signInOrganizer(api, services.database.sql);
    expect(order.tickets.every((ticket) => ticket.rotatingKey !== null && ticket.qr !== null)).toBe(true);
    const [listed] = await (await fan.call()).orders.list();
    expect(listed!.tickets.map((ticket) => ticket.rotatingKey)).toEqual([null, null]);
    // Another fan never sees the order, so never its keys.
    expect((await failure((await (await api.fan()).call()).orders.byId({ orderId: order.id }))).code).toBe("NOT_FOUND");

    await services.database.sql`update events set allow_printed_tickets = false where id = ${eventId}`;
    const unprinted = await (await fan.call()).orders.byId({ orderId: order.id });
    expect(unprinted.tickets.map((ticket) => ticket.qr)).toEqual([null, null]);
    const printed = await failure((await organizer.call()).tickets.admit({ eventId, code: order.tickets[1]!.qr! }));
    expect([printed.code, domainCode(printed)]).toEqual(["FORBIDDEN", "PRINTED_TICKETS_NOT_ALLOWED"]);

    await (await fan.call()).orders.cancel({ orderId: order.id });
    const code = rotatingTicketCode(order.tickets[1]!.rotatingKey!, api.deps.clock.now().getTime()).code;
    const voided = await failure((await organizer.call()).tickets.admit({ eventId, code }));
    expect([voided.code, domainCode(voided)]).toEqual(["CONFLICT", "TICKET_VOID"]);
    const expired = rotatingTicketCode(order.tickets[0]!.rotatingKey!, api.deps.clock.now().getTime() - 5 * 60_000).code;
    const late = await failure((await organizer.call()).tickets.admit({ eventId, code: expired }));
    expect([late.code, domainCode(late)]).toEqual(["PRECONDITION_FAILED", "TICKET_CODE_EXPIRED"]);
  });
});
