import { randomUUID } from "node:crypto";
import { createDb } from "@frontrow/db";
import { createTestEvent, createTestVenue } from "@frontrow/db/testing";
import { rotatingTicketCode } from "@frontrow/validators/ticket-codes";
import { describe, expect } from "vitest";
import { isDomainError } from "../errors";
import { insertSignedInUsers, test, type TestServices } from "../testing";
import { admitTicket } from "./admit-ticket";
import { seatClaim } from "./seat-claim";
import { createTicketSigner, generateTicketSigningKey } from "./ticket-signer";

const signer = createTicketSigner(generateTicketSigningKey());

/** An event with one confirmed order of `count` seated tickets, written straight to Postgres. */
async function soldTickets({ database }: TestServices, count: number) {
  const venue = await createTestVenue(database.db, { sections: [{ name: "A", rows: 1, seatsPerRow: count }] });
  const { eventId, tierId } = await createTestEvent(database.db, { venueId: venue.venueId });
  const [fan] = await insertSignedInUsers(database.sql, 1);
  const orderId = randomUUID();
  await database.sql`
    insert into orders (id, user_id, event_id, hold_id, subtotal_cents, fees_cents, total_cents, currency)
    values (${orderId}, ${fan!.userId}, ${eventId}, ${randomUUID()}, ${count * 5_000}, 0, ${count * 5_000}, 'USD')`;
  const tickets = venue.seats.slice(0, count).map((seat, index) => {
    const id = randomUUID();
    const claims = { ticketId: id, eventId, seat: seatClaim("A", seat.row!, seat.number!) };
    return { id, claims, row: { id, order_id: orderId, event_id: eventId, section_id: seat.sectionId, seat_id: seat.id, tier_id: tierId, price_cents: 5_000, holder_id: fan!.userId, code: `FR-TEST-${index}`, signature: signer.sign(claims) } };
  });
  await database.sql`insert into tickets ${database.sql(tickets.map((ticket) => ticket.row))}`;
  return { eventId, orderId, tickets };
}

async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (isDomainError(error)) return { code: error.code, message: error.message, details: error.details };
    throw error;
  }
  throw new Error("the scan was not refused");
}

describe("admitTicket", () => {
  test("many scanners reading one ticket at once: exactly one lets it in, the others are told when", async ({ services }) => {
    const { database, clock } = services;
    const { eventId, tickets } = await soldTickets(services, 4);
    const scanners = await insertSignedInUsers(database.sql, 16);
    // Each scanner its own connection, so the UPDATEs really run side by side.
    const pool = createDb(database.url, { max: scanners.length });
    try {
      const deps = { db: pool.db, clock, tickets: signer };
      for (const ticket of tickets) {
        const { code } = rotatingTicketCode(signer.rotatingKey(ticket.claims), clock.now().getTime());
        const results = await Promise.allSettled(
          scanners.map((scanner) => admitTicket(deps, { eventId, code, scannerId: scanner.userId })),
        );
        const won = results.flatMap((result, index) => (result.status === "fulfilled" ? [{ result: result.value, index }] : []));
        expect(won).toHaveLength(1);
        const lost = results.filter((result): result is PromiseRejectedResult => result.status === "rejected");
        for (const { reason } of lost) {
          expect(reason).toMatchObject({ code: "TICKET_ALREADY_USED", message: expect.stringMatching(/^Already used at \d+:\d\d [AP]M/) });
          expect(reason.details.admittedAt).toBe(won[0]!.result.admittedAt.toISOString());
        }
        const [row] = await database.sql`select admitted_by from tickets where id = ${ticket.id}`;
        expect(row!.admitted_by).toBe(scanners[won[0]!.index]!.userId);
      }
    } finally {
      await pool.close();
    }
  });

  test("a rotating code gets in within its window and is refused after it; a printed one only where allowed", async ({ services }) => {
    const { database, clock } = services;
    const { eventId, tickets } = await soldTickets(services, 3);
    const [scanner] = await insertSignedInUsers(database.sql, 1);
    const deps = { db: database.db, clock, tickets: signer };
    const scan = (code: string, on = eventId) => admitTicket(deps, { eventId: on, code, scannerId: scanner!.userId });

    const shown = rotatingTicketCode(signer.rotatingKey(tickets[0]!.claims), clock.now().getTime());
    clock.advance(shown.nextAtMs - clock.now().getTime() + 29_000); // late in the next step: still in
    expect(await scan(shown.code)).toMatchObject({ ticketId: tickets[0]!.id, kind: "rotating", seat: "Section A, row A, seat 1" });

    const screenshot = rotatingTicketCode(signer.rotatingKey(tickets[1]!.claims), clock.now().getTime());
    clock.advance(61_000);
    expect(await refusal(scan(screenshot.code))).toMatchObject({ code: "TICKET_CODE_EXPIRED" });
    const tampered = screenshot.code.slice(0, -4) + (screenshot.code.endsWith("AAAA") ? "BBBB" : "AAAA");
    expect(await refusal(scan(tampered))).toMatchObject({ code: "TICKET_CODE_INVALID" });

    const other = await createTestEvent(database.db, { venueId: (await createTestVenue(database.db)).venueId });
    const live = rotatingTicketCode(signer.rotatingKey(tickets[1]!.claims), clock.now().getTime());
    expect(await refusal(scan(live.code, other.eventId))).toMatchObject({ code: "WRONG_EVENT" });

    const printed = signer.qrPayload(tickets[2]!.claims, signer.sign(tickets[2]!.claims));
    await database.sql`update events set allow_printed_tickets = false where id = ${eventId}`;
    expect(await refusal(scan(printed))).toMatchObject({ code: "PRINTED_TICKETS_NOT_ALLOWED" });
    await database.sql`update events set allow_printed_tickets = true where id = ${eventId}`;
    expect(await scan(printed)).toMatchObject({ ticketId: tickets[2]!.id, kind: "printed" });
    expect(await refusal(scan(printed))).toMatchObject({ code: "TICKET_ALREADY_USED" });
  });

  test("a cancelled ticket is refused as cancelled, even with a live code", async ({ services }) => {
    const { database, clock } = services;
    const { eventId, orderId, tickets } = await soldTickets(services, 1);
    const [scanner] = await insertSignedInUsers(database.sql, 1);
    await database.sql`update tickets set status = 'void' where order_id = ${orderId}`;
    const { code } = rotatingTicketCode(signer.rotatingKey(tickets[0]!.claims), clock.now().getTime());
    expect(
      await refusal(admitTicket({ db: database.db, clock, tickets: signer }, { eventId, code, scannerId: scanner!.userId })),
    ).toMatchObject({ code: "TICKET_VOID", message: "This ticket was cancelled and refunded" });
  });
});
