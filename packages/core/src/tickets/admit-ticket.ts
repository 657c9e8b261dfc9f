import { schema, type Database } from "@frontrow/db";
import { formatVenueTime, seatLabel } from "@frontrow/validators";
import { checkTicketCode, decodeKey, type TicketCodeRefusal } from "@frontrow/validators/ticket-codes";
import { and, eq, gte, isNull, ne, asc } from "drizzle-orm";
import type { Clock } from "../clock";
import { DomainError, type DomainErrorCode } from "../errors";
import { selectTicketsWithPlace } from "./ticket-place";
import type { TicketSigner } from "./ticket-signer";

const { events, tickets, venues } = schema;

export interface AdmitDeps {
  db: Database;
  clock: Clock;
  tickets: Pick<TicketSigner, "publicKeyRaw">;
}

const refusalCode: Record<TicketCodeRefusal, DomainErrorCode> = {
  MALFORMED: "TICKET_CODE_INVALID",
  BAD_SIGNATURE: "TICKET_CODE_INVALID",
  EXPIRED: "TICKET_CODE_EXPIRED",
  WRONG_EVENT: "WRONG_EVENT",
  PRINTED_NOT_ALLOWED: "PRINTED_TICKETS_NOT_ALLOWED",
};

/**
 * A door scan: checks the code as the scanner did (signatures, event, time window, printed tickets allowed) against
 * the server's clock, then lets the ticket in with one conditional UPDATE (valid and not yet admitted). Concurrent
 * scans of one ticket queue on its row; the first commits, the others find `admitted_at` set and are refused with
 * TICKET_ALREADY_USED naming the time. One statement on one row, so it needs no lock order (docs/architecture.md).
 */
export async function admitTicket(deps: AdmitDeps, input: { eventId: string; code: string; scannerId: string }) {
  const [event] = await deps.db
    .select({ allowPrinted: events.allowPrintedTickets, timezone: venues.timezone })
    .from(events)
    .innerJoin(venues, eq(venues.id, events.venueId))
    .where(eq(events.id, input.eventId));
  if (!event) throw new DomainError("NOT_FOUND", "This event does not exist");
  const checked = checkTicketCode(input.code, {
    serverPublicKey: decodeKey(deps.tickets.publicKeyRaw),
    nowMs: deps.clock.now().getTime(),
    eventId: input.eventId,
    allowPrinted: event.allowPrinted,
  });
  if (!checked.ok) throw new DomainError(refusalCode[checked.reason], checked.message);

  const [admitted] = await deps.db
    .update(tickets)
    .set({ admittedAt: deps.clock.now(), admittedBy: input.scannerId })
    .where(
      and(
        eq(tickets.eventId, input.eventId),
        eq(tickets.id, checked.ticketId),
        eq(tickets.status, "valid"),
        isNull(tickets.admittedAt),
      ),
    )
    .returning({ admittedAt: tickets.admittedAt });
  const [ticket] = await selectTicketsWithPlace(deps.db, {
    code: tickets.code,
    status: tickets.status,
    admittedAt: tickets.admittedAt,
  }).where(and(eq(tickets.eventId, input.eventId), eq(tickets.id, checked.ticketId)));
  // A signed code names a ticket that was sold; only a database restored from before the sale lacks it.
  if (!ticket) throw new DomainError("NOT_FOUND", "No such ticket");
  if (!admitted) {
    if (ticket.status === "void") throw new DomainError("TICKET_VOID", "This ticket was cancelled and refunded");
    const at = ticket.admittedAt!;
    throw new DomainError("TICKET_ALREADY_USED", `Already used at ${formatVenueTime(at, event.timezone, { locale: "en-US" })}`, {
      admittedAt: at.toISOString(),
    });
  }
  return {
    ticketId: checked.ticketId,
    kind: checked.kind,
    code: ticket.code,
    seat: seatLabel(ticket.section, ticket.row, ticket.number),
    tierName: ticket.tierName,
    admittedAt: admitted.admittedAt!,
  };
}

/** How long after its start an event still shows on the scanner's list. */
const SCAN_AFTER_START_MS = 12 * 3_600_000;

/**
 * What a scanner's browser takes once, before the doors open: the server's public key (raw, base64url) and the
 * events it may scan for (not cancelled, not more than 12 hours past their start), soonest first.
 */
export async function scannerSetup(deps: AdmitDeps) {
  const rows = await deps.db
    .select({
      id: events.id,
      name: events.name,
      startsAt: events.startsAt,
      venueName: venues.name,
      timezone: venues.timezone,
      allowPrintedTickets: events.allowPrintedTickets,
    })
    .from(events)
    .innerJoin(venues, eq(venues.id, events.venueId))
    .where(and(ne(events.status, "cancelled"), gte(events.startsAt, new Date(deps.clock.now().getTime() - SCAN_AFTER_START_MS))))
    .orderBy(asc(events.startsAt))
    .limit(100);
  return { publicKey: deps.tickets.publicKeyRaw, events: rows };
}
