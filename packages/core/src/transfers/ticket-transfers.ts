import { randomUUID } from "node:crypto";
import { schema, type Database, type Transaction } from "@frontrow/db";
import { runTransferBought, type Redis } from "@frontrow/redis";
import { and, asc, desc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import type { Clock } from "../clock";
import { lockingTransaction, type LockingDeps } from "../db/row-locks";
import { DomainError } from "../errors";
import { seatClaim, seatLabel } from "../tickets/seat-claim";
import { assertTicketsUncommitted } from "../tickets/ticket-commitments";
import { selectTicketsWithPlace } from "../tickets/ticket-place";
import { generateTicketCode } from "../tickets/ticket-code";
import type { TicketSigner } from "../tickets/ticket-signer";
import type { RotatingTicketKey } from "@frontrow/validators/ticket-codes";

const { orders, tickets, events, venues, sections, seats, users, outbox, ticketTransfers, ticketTransferTickets } = schema;

export interface TransferDeps extends LockingDeps {
  db: Database;
  redis: Redis;
  clock: Clock;
  tickets: Pick<TicketSigner, "sign" | "qrPayload" | "rotatingKey">;
}

const HOUR_MS = 3_600_000;

/** When transfers of an event close: its cut-off before the show. */
export function transfersCloseAt(event: { startsAt: Date; transferCutoffHours: number }): Date {
  return new Date(event.startsAt.getTime() - event.transferCutoffHours * HOUR_MS);
}

interface TransferRules {
  status: string;
  startsAt: Date;
  transfersAllowed: boolean;
  transferCutoffHours: number;
  perFanLimit: number;
}

const ruleFields = {
  status: events.status,
  startsAt: events.startsAt,
  transfersAllowed: events.transfersAllowed,
  transferCutoffHours: events.transferCutoffHours,
  perFanLimit: events.perFanLimit,
};

/** Refuses with TRANSFER_NOT_ALLOWED when the event forbids transfers or its cut-off has passed. */
function assertTransfersOpen(event: TransferRules, now: Date): void {
  if (!event.transfersAllowed || event.status === "cancelled") {
    throw new DomainError("TRANSFER_NOT_ALLOWED", "The organizer does not allow ticket transfers for this event");
  }
  const closesAt = transfersCloseAt(event);
  if (now.getTime() >= closesAt.getTime()) {
    throw new DomainError(
      "TRANSFER_NOT_ALLOWED",
      event.transferCutoffHours > 0
        ? `Transfers for this event closed ${event.transferCutoffHours} hours before the show`
        : "Transfers for this event closed when the show started",
    );
  }
}

const normalizeEmail = (email: string) => email.trim().toLowerCase();

async function emailOf(db: Database | Transaction, userId: string): Promise<string> {
  const [user] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId));
  if (!user) throw new DomainError("UNAUTHENTICATED", "Sign in again");
  return normalizeEmail(user.email);
}

/**
 * A fan sends some of their tickets of one order to another account by email. The tickets must be theirs, valid,
 * and in no other pending transfer; the event must allow transfers and be before its cut-off. The recipient is
 * mailed (through the outbox); without an account yet, the transfer waits for one with that email.
 */
export async function sendTransfer(
  deps: TransferDeps,
  input: { userId: string; orderId: string; ticketIds: string[]; toEmail: string; requestId?: string },
): Promise<TransferView> {
  const toEmail = normalizeEmail(input.toEmail);
  const ticketIds = [...new Set(input.ticketIds)].sort();
  if (toEmail === (await emailOf(deps.db, input.userId))) {
    throw new DomainError("INVALID_INPUT", "You cannot transfer tickets to yourself", { field: "toEmail" });
  }
  const now = deps.clock.now();
  const transferId = randomUUID();
  await lockingTransaction(deps, async (tx, locks) => {
    // Shared: other transfers of the order's tickets go on; a cancellation or an accept (FOR UPDATE) waits.
    const [order] = await locks.share(
      "order",
      tx.select({ id: orders.id, eventId: orders.eventId, status: orders.status }).from(orders).where(eq(orders.id, input.orderId)),
    );
    if (!order || order.status !== "confirmed") throw new DomainError("NOT_FOUND", "This order does not exist");
    const [event] = await locks.share("event", tx.select(ruleFields).from(events).where(eq(events.id, order.eventId)));
    assertTransfersOpen(event!, now);
    // Locked, in id order: a second transfer of the same tickets waits here, then finds this one pending.
    const sent = await locks.update(
      "ticket",
      tx
        .select({ id: tickets.id, holderId: tickets.holderId, status: tickets.status, orderId: tickets.orderId })
        .from(tickets)
        .where(and(eq(tickets.eventId, order.eventId), inArray(tickets.id, ticketIds)))
        .orderBy(asc(tickets.id)),
    );
    const mine = sent.filter(
      (ticket) => ticket.holderId === input.userId && ticket.status === "valid" && ticket.orderId === order.id,
    );
    if (mine.length !== ticketIds.length) {
      throw new DomainError("NOT_FOUND", "Some of these tickets are not yours or are no longer valid");
    }
    await assertTicketsUncommitted(tx, order.eventId, ticketIds);
    await tx.insert(ticketTransfers).values({
      id: transferId,
      eventId: order.eventId,
      orderId: order.id,
      fromUserId: input.userId,
      toEmail,
      ticketCount: ticketIds.length,
      createdAt: now,
    });
    await tx
      .insert(ticketTransferTickets)
      .values(ticketIds.map((ticketId) => ({ transferId, eventId: order.eventId, ticketId })));
    await tx
      .insert(outbox)
      .values({ topic: "transfer.sent", payload: { transferId }, requestId: input.requestId ?? null, availableAt: now });
  });
  return viewOne(deps, transferId);
}

/**
 * The recipient accepts: in one transaction the sent tickets are voided and new ones (new ids, codes and
 * signatures) issued to them, within their per-fan limit, so at no moment do both fans or neither hold a ticket.
 * Locks in LOCK_ORDER: the order, the transfer, the event (shared), the recipient's count, the tickets. After the
 * commit both fans' bought counts move in Redis (Postgres stays the truth).
 */
export async function acceptTransfer(deps: TransferDeps, input: { userId: string; transferId: string }): Promise<TransferView> {
  const email = await emailOf(deps.db, input.userId);
  const [found] = await deps.db
    .select({ eventId: ticketTransfers.eventId, orderId: ticketTransfers.orderId, toEmail: ticketTransfers.toEmail })
    .from(ticketTransfers)
    .where(eq(ticketTransfers.id, input.transferId));
  if (!found || found.toEmail !== email) throw new DomainError("NOT_FOUND", "This transfer does not exist");
  const now = deps.clock.now();
  const outcome = await lockingTransaction(deps, async (tx, locks) => {
    await locks.update(
      "order",
      tx.select({ id: orders.id }).from(orders).where(and(eq(orders.eventId, found.eventId), eq(orders.id, found.orderId))),
    );
    const [transfer] = await locks.update(
      "transfer",
      tx.select().from(ticketTransfers).where(eq(ticketTransfers.id, input.transferId)),
    );
    assertPending(transfer!);
    const [event] = await locks.share("event", tx.select(ruleFields).from(events).where(eq(events.id, found.eventId)));
    if (now.getTime() >= transfersCloseAt(event!).getTime() && event!.transfersAllowed) {
      await close(tx, input.transferId, "expired", now);
      return { refused: new DomainError("TRANSFER_NOT_PENDING", "This transfer expired at the event's transfer cut-off") };
    }
    assertTransfersOpen(event!, now);
    // The recipient's count, under the lock a checkout of theirs takes: neither misses the other's tickets.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${input.userId}), hashtext(${found.eventId}))`);
    const sent = await locks.update(
      "ticket",
      selectTicketsWithPlace(tx, {
        id: tickets.id,
        holderId: tickets.holderId,
        status: tickets.status,
        orderId: tickets.orderId,
        sectionId: tickets.sectionId,
        seatId: tickets.seatId,
        tierId: tickets.tierId,
        priceCents: tickets.priceCents,
      })
        .innerJoin(ticketTransferTickets, and(eq(ticketTransferTickets.eventId, tickets.eventId), eq(ticketTransferTickets.ticketId, tickets.id)))
        .where(and(eq(tickets.eventId, found.eventId), eq(ticketTransferTickets.transferId, input.transferId)))
        .orderBy(asc(tickets.id)),
      tickets,
    );
    if (sent.some((ticket) => ticket.status !== "valid" || ticket.holderId !== transfer!.fromUserId)) {
      await close(tx, input.transferId, "cancelled", now);
      return { refused: new DomainError("TRANSFER_NOT_PENDING", "These tickets are no longer valid: the transfer was cancelled") };
    }
    const [held] = await tx
      .select({ count: sql<number>`count(*)::int` })
      .from(tickets)
      .where(and(eq(tickets.eventId, found.eventId), eq(tickets.holderId, input.userId), eq(tickets.status, "valid")));
    const have = held?.count ?? 0;
    if (have + sent.length > event!.perFanLimit) {
      throw new DomainError(
        "LIMIT_EXCEEDED",
        `You can have at most ${event!.perFanLimit} tickets for this event (you have ${have}); accepting would make ${have + sent.length}`,
      );
    }
    // Void first: a seat has at most one valid ticket (unique index), and the new one takes its place.
    await tx
      .update(tickets)
      .set({ status: "void" })
      .where(and(eq(tickets.eventId, found.eventId), inArray(tickets.id, sent.map((ticket) => ticket.id))));
    const issued = sent.map((ticket) => {
      const id = randomUUID();
      return {
        oldId: ticket.id,
        row: {
          id,
          orderId: ticket.orderId,
          eventId: found.eventId,
          sectionId: ticket.sectionId,
          seatId: ticket.seatId,
          tierId: ticket.tierId,
          priceCents: ticket.priceCents,
          holderId: input.userId,
          issuedByTransferId: input.transferId,
          code: generateTicketCode(),
          signature: deps.tickets.sign({
            ticketId: id,
            eventId: found.eventId,
            seat: seatClaim(ticket.section, ticket.row, ticket.number),
          }),
          createdAt: now,
        },
      };
    });
    await tx.insert(tickets).values(issued.map((ticket) => ticket.row));
    for (const ticket of issued) {
      await tx
        .update(ticketTransferTickets)
        .set({ newTicketId: ticket.row.id })
        .where(and(eq(ticketTransferTickets.transferId, input.transferId), eq(ticketTransferTickets.ticketId, ticket.oldId)));
    }
    await tx
      .update(ticketTransfers)
      .set({ status: "accepted", toUserId: input.userId, closedAt: now })
      .where(eq(ticketTransfers.id, input.transferId));
    return { moved: { fromUserId: transfer!.fromUserId, tickets: sent.length } };
  });
  if ("refused" in outcome) throw outcome.refused;
  await runTransferBought(deps.redis, {
    eventId: found.eventId,
    transferId: input.transferId,
    fromUserId: outcome.moved.fromUserId,
    toUserId: input.userId,
    tickets: outcome.moved.tickets,
  });
  return viewOne(deps, input.transferId, input.userId);
}

/** The recipient declines: the tickets stay with the sender. */
export function declineTransfer(deps: TransferDeps, input: { userId: string; transferId: string }): Promise<TransferView> {
  return closeAs(deps, input, "declined");
}

/** The sender takes a pending transfer back. */
export function cancelTransfer(deps: TransferDeps, input: { userId: string; transferId: string }): Promise<TransferView> {
  return closeAs(deps, input, "cancelled");
}

async function closeAs(
  deps: TransferDeps,
  input: { userId: string; transferId: string },
  status: "declined" | "cancelled",
): Promise<TransferView> {
  const email = status === "declined" ? await emailOf(deps.db, input.userId) : null;
  const now = deps.clock.now();
  await lockingTransaction(deps, async (tx, locks) => {
    const [transfer] = await locks.update(
      "transfer",
      tx.select().from(ticketTransfers).where(eq(ticketTransfers.id, input.transferId)),
    );
    const allowed = status === "declined" ? transfer?.toEmail === email : transfer?.fromUserId === input.userId;
    if (!transfer || !allowed) throw new DomainError("NOT_FOUND", "This transfer does not exist");
    assertPending(transfer);
    await tx
      .update(ticketTransfers)
      .set({ status, closedAt: now, ...(status === "declined" ? { toUserId: input.userId } : {}) })
      .where(eq(ticketTransfers.id, input.transferId));
  });
  return viewOne(deps, input.transferId, input.userId);
}

function assertPending(transfer: { status: string }): void {
  if (transfer.status !== "pending") {
    throw new DomainError("TRANSFER_NOT_PENDING", `This transfer was already ${transfer.status}`);
  }
}

async function close(tx: Transaction, transferId: string, status: "expired" | "cancelled", now: Date) {
  await tx.update(ticketTransfers).set({ status, closedAt: now }).where(eq(ticketTransfers.id, transferId));
}

export interface TransferView {
  id: string;
  direction: "incoming" | "outgoing";
  status: "pending" | "accepted" | "declined" | "cancelled" | "expired";
  from: { name: string; email: string };
  toEmail: string;
  createdAt: Date;
  closedAt: Date | null;
  /** When a pending transfer stops being acceptable (the event's cut-off). */
  closesAt: Date;
  event: { id: string; name: string; startsAt: Date; venueName: string; timezone: string };
  orderId: string;
  /**
   * The places: for the recipient of an accepted transfer, their new tickets with the key to each one's rotating
   * code, and the printed code where the event allows printed tickets.
   */
  tickets: Array<{
    ticketId: string;
    seat: string;
    code: string | null;
    qr: string | null;
    rotatingKey: RotatingTicketKey | null;
  }>;
}

/** The fan's transfers: incoming (sent to their email) and outgoing (sent by them), newest first. */
export async function listTransfers(
  deps: Pick<TransferDeps, "db" | "clock" | "tickets">,
  input: { userId: string },
): Promise<{ incoming: TransferView[]; outgoing: TransferView[] }> {
  const email = await emailOf(deps.db, input.userId);
  const views = await viewsWhere(
    deps,
    or(eq(ticketTransfers.toEmail, email), eq(ticketTransfers.fromUserId, input.userId))!,
    input.userId,
    email,
  );
  return {
    incoming: views.filter((view) => view.direction === "incoming"),
    outgoing: views.filter((view) => view.direction === "outgoing"),
  };
}

async function viewOne(deps: Pick<TransferDeps, "db" | "clock" | "tickets">, transferId: string, userId?: string) {
  const [first] = await deps.db
    .select({ fromUserId: ticketTransfers.fromUserId })
    .from(ticketTransfers)
    .where(eq(ticketTransfers.id, transferId));
  const viewer = userId ?? first!.fromUserId;
  const [view] = await viewsWhere(deps, eq(ticketTransfers.id, transferId), viewer, await emailOf(deps.db, viewer));
  return view!;
}

async function viewsWhere(
  deps: Pick<TransferDeps, "db" | "clock" | "tickets">,
  where: SQL,
  userId: string,
  email: string,
): Promise<TransferView[]> {
  const rows = await readTransfers(deps.db, where);
  if (rows.length === 0) return [];
  const placeRows = await deps.db
    .select({
      transferId: ticketTransferTickets.transferId,
      ticketId: tickets.id,
      eventId: tickets.eventId,
      code: tickets.code,
      signature: tickets.signature,
      holderId: tickets.holderId,
      status: tickets.status,
      section: sections.name,
      row: seats.row,
      number: seats.number,
    })
    .from(ticketTransferTickets)
    // The ticket issued by the accept when there is one, else the one sent.
    .innerJoin(
      tickets,
      and(
        eq(tickets.eventId, ticketTransferTickets.eventId),
        eq(tickets.id, sql`coalesce(${ticketTransferTickets.newTicketId}, ${ticketTransferTickets.ticketId})`),
      ),
    )
    .innerJoin(sections, eq(sections.id, tickets.sectionId))
    .leftJoin(seats, eq(seats.id, tickets.seatId))
    .where(inArray(ticketTransferTickets.transferId, rows.map((row) => row.transfer.id)))
    .orderBy(asc(sections.name), asc(seats.row), asc(seats.number), asc(tickets.id));
  const now = deps.clock.now();
  return rows.map(({ transfer, fromName, fromEmail, event }) => {
    const closesAt = transfersCloseAt(event);
    const incoming = transfer.fromUserId !== userId && transfer.toEmail === email;
    return {
      id: transfer.id,
      direction: incoming ? "incoming" : "outgoing",
      status: transfer.status === "pending" && now.getTime() >= closesAt.getTime() ? "expired" : transfer.status,
      from: { name: fromName, email: fromEmail },
      toEmail: transfer.toEmail,
      createdAt: transfer.createdAt,
      closedAt: transfer.closedAt,
      closesAt,
      event: { id: event.id, name: event.name, startsAt: event.startsAt, venueName: event.venueName, timezone: event.timezone },
      orderId: transfer.orderId,
      tickets: placeRows
        .filter((place) => place.transferId === transfer.id)
        .map((place) => {
          // Codes, QR codes and ticket keys only to whoever holds the ticket now, while it is valid.
          const shown = place.holderId === userId && place.status === "valid";
          const claims = {
            ticketId: place.ticketId,
            eventId: place.eventId,
            seat: seatClaim(place.section, place.row, place.number),
          };
          return {
            ticketId: place.ticketId,
            seat: seatLabel(place.section, place.row, place.number),
            code: shown ? place.code : null,
            qr: shown && event.allowPrintedTickets ? deps.tickets.qrPayload(claims, place.signature) : null,
            rotatingKey: shown ? deps.tickets.rotatingKey(claims) : null,
          };
        }),
    };
  });
}

/** Transfers with their sender and event, newest first. */
function readTransfers(db: Database, where: SQL) {
  return db
    .select({
      transfer: ticketTransfers,
      fromName: users.name,
      fromEmail: users.email,
      event: {
        id: events.id,
        name: events.name,
        startsAt: events.startsAt,
        transferCutoffHours: events.transferCutoffHours,
        allowPrintedTickets: events.allowPrintedTickets,
        venueName: venues.name,
        timezone: venues.timezone,
      },
    })
    .from(ticketTransfers)
    .innerJoin(users, eq(users.id, ticketTransfers.fromUserId))
    .innerJoin(events, eq(events.id, ticketTransfers.eventId))
    .innerJoin(venues, eq(venues.id, events.venueId))
    .where(where)
    .orderBy(desc(ticketTransfers.createdAt), desc(ticketTransfers.id))
    .limit(200);
}

/** The recipient's mail for a new transfer (read by the outbox worker). */
export async function transferForMail(db: Database, transferId: string) {
  const [row] = await readTransfers(db, eq(ticketTransfers.id, transferId));
  if (!row) return undefined;
  const { transfer, fromName, event } = row;
  return {
    toEmail: transfer.toEmail,
    status: transfer.status,
    ticketCount: transfer.ticketCount,
    fromName,
    eventName: event.name,
    startsAt: event.startsAt,
    venueName: event.venueName,
    timezone: event.timezone,
  };
}
