import { schema, type Database, type Queryable } from "@frontrow/db";
import { runCompleteCheckout, type Redis } from "@frontrow/redis";
import { and, eq, isNull, sql } from "drizzle-orm";
import { startBackgroundLoop } from "../background-loop";
import type { Clock } from "../clock";
import { waitingListOfferEmail } from "../waiting-list/offer-email";
import { getOrder } from "../orders/get-order";
import { renderTicketsPdf, type TicketsPdfRenderer } from "../tickets/tickets-pdf";
import { capturePayment } from "../payments/capture-payment";
import type { PaymentProvider } from "../payments/payment-provider";
import type { TicketSigner } from "../tickets/ticket-signer";
import type { MailTransport } from "./mail-transport";
import { transferForMail } from "../transfers/ticket-transfers";
import { refundResaleSellers } from "../resale/resale-listings";
import { cancellationEmail, confirmationEmail } from "./order-emails";
import { transferEmail } from "./transfer-emails";

export interface OutboxLogger {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}

export interface OutboxDeps {
  db: Database;
  redis: Redis;
  clock: Clock;
  mail: MailTransport;
  payments: PaymentProvider;
  tickets: Pick<TicketSigner, "qrPayload" | "rotatingKey">;
  logger: OutboxLogger;
  /** In this process unless given (the server passes its worker-thread renderer). */
  renderPdf?: TicketsPdfRenderer;
}

interface OutboxRow {
  id: number;
  topic: string;
  payload: { orderId?: string; authorizationId?: string; holdId?: string; transferId?: string; entryId?: string };
  attempts: number;
  request_id: string | null;
}

/**
 * The second pass of a sale's conversion in Redis (the first runs right after the commit): if the hold is still
 * there, the process died before converting it, so its seats become sold now. Either way the fan's bought count
 * holds the order's tickets once afterwards. A refunded order is left alone.
 */
async function convertSoldHold(deps: OutboxDeps, orderId: string, holdId: string): Promise<string> {
  const { orders, tickets, resaleListings } = schema;
  const [order] = await deps.db
    .select({ eventId: orders.eventId, userId: orders.userId, status: orders.status })
    .from(orders)
    .where(eq(orders.id, orderId));
  if (!order || order.status !== "confirmed") return "order no longer confirmed";
  const sold = await deps.db
    .select({ seatId: tickets.seatId, sectionId: tickets.sectionId })
    .from(tickets)
    // The tickets the sale issued (a transfer's re-issued tickets stand for the same places).
    .where(and(eq(tickets.orderId, orderId), isNull(tickets.issuedByTransferId)));
  const placesBySection = new Map<string, number>();
  for (const ticket of sold) {
    if (ticket.seatId === null) placesBySection.set(ticket.sectionId, (placesBySection.get(ticket.sectionId) ?? 0) + 1);
  }
  const seq = await runCompleteCheckout(deps.redis, {
    eventId: order.eventId,
    holdId,
    orderId,
    userId: order.userId,
    seatIds: sold.flatMap((ticket) => (ticket.seatId ? [ticket.seatId] : [])),
    generalAdmission: [...placesBySection].map(([sectionId, quantity]) => ({ sectionId, quantity })),
    onlyWhileHeld: true,
    resold: await deps.db
      .select({ listingId: resaleListings.id, sellerId: resaleListings.sellerId })
      .from(resaleListings)
      .where(eq(resaleListings.buyerOrderId, orderId)),
  });
  return seq > 0 ? "hold converted to sold seats" : "hold already converted";
}

/** Retry backoff: 2 s, 4 s, 8 s … capped at 10 minutes. */
export function outboxBackoffMs(attempts: number): number {
  return Math.min(2_000 * 2 ** Math.max(0, attempts - 1), 600_000);
}

async function deliver(deps: OutboxDeps, row: OutboxRow): Promise<string> {
  if (row.topic === "payment.capture") {
    const captured = await capturePayment(deps, row.payload.authorizationId!);
    return captured ? "payment captured" : "payment already captured";
  }
  if (row.topic === "resale.refund") {
    // Only once the buyer's payment is captured (the capture row runs first; until then this one is retried).
    if (!(await refundResaleSellers(deps, row.payload.orderId!))) throw new Error("the buyer's payment is not captured yet");
    return "resale sellers refunded";
  }
  if (row.topic === "hold.convert") return convertSoldHold(deps, row.payload.orderId!, row.payload.holdId!);
  if (row.topic === "transfer.sent") {
    const transfer = await transferForMail(deps.db, row.payload.transferId!);
    if (!transfer) throw new Error(`transfer ${row.payload.transferId} not found`);
    if (transfer.status !== "pending") return "transfer no longer pending";
    return deps.mail.send({
      idempotencyKey: `outbox-${row.id}.${row.payload.transferId}`,
      to: transfer.toEmail,
      ...transferEmail(transfer),
    });
  }
  if (row.topic === "waiting_list.offer") {
    const mail = await waitingListOfferEmail(deps, row.payload.entryId!);
    if (!mail) return "waiting-list entry gone";
    return deps.mail.send({ idempotencyKey: `outbox-${row.id}.${row.payload.entryId}`, ...mail });
  }
  const { users, orders } = schema;
  const orderId = row.payload.orderId;
  if (!orderId) throw new Error(`outbox row ${row.id} has no orderId`);
  const [owner] = await deps.db
    .select({ id: users.id, email: users.email, name: users.name })
    .from(orders)
    .innerJoin(users, eq(users.id, orders.userId))
    .where(eq(orders.id, orderId));
  if (!owner) throw new Error(`order ${orderId} not found`);
  const order = await getOrder(deps, { orderId, userId: owner.id, rotatingKeys: false });
  switch (row.topic) {
    case "order.confirmed": {
      const pdf = await (deps.renderPdf ?? renderTicketsPdf)(order);
      return deps.mail.send({
        idempotencyKey: `outbox-${row.id}.${order.id}`,
        to: owner.email,
        ...confirmationEmail(order, owner.name),
        attachments: [{ filename: `frontrow-tickets-${order.id.slice(0, 8)}.pdf`, content: pdf, contentType: "application/pdf" }],
      });
    }
    case "order.cancelled":
      return deps.mail.send({ idempotencyKey: `outbox-${row.id}.${order.id}`, to: owner.email, ...cancellationEmail(order, owner.name) });
    default:
      throw new Error(`unknown outbox topic ${row.topic}`);
  }
}

/** How rows are claimed: locked in a transaction (several instances), or read as they are (the only deliverer). */
export type OutboxClaim = "lock" | "sole-deliverer";

/**
 * Delivers up to `batchSize` due outbox rows. Rows are claimed with FOR UPDATE SKIP LOCKED inside a
 * transaction that stays open while they are delivered: workers on other instances skip them, and if this
 * process dies mid-delivery the claim ends with its connection and the row is delivered later, never lost.
 *
 * `sole-deliverer` is for the embedded Postgres (PGlite), where one process delivers and one transaction runs at
 * a time: a delivery's own queries and transactions (capturing a payment) would wait forever behind the claiming
 * one. There rows are read without a lock and marked one by one; a crash mid-delivery redelivers that row.
 */
export async function deliverOutboxBatch(
  deps: OutboxDeps,
  batchSize = 20,
  claim: OutboxClaim = "lock",
): Promise<number> {
  const due = (db: Queryable, lock: boolean) =>
    db.execute(sql`
      select id, topic, payload, attempts, request_id from outbox
      where delivered_at is null and available_at <= ${deps.clock.now().toISOString()}
      order by id limit ${batchSize}
      ${lock ? sql`for update skip locked` : sql``}`) as unknown as Promise<OutboxRow[]>;
  if (claim === "sole-deliverer") return deliverRows(deps, deps.db, await due(deps.db, false));
  return deps.db.transaction(async (tx) => deliverRows(deps, tx, await due(tx, true)));
}

async function deliverRows(deps: OutboxDeps, claimedBy: Queryable, rows: OutboxRow[]): Promise<number> {
  for (const row of rows) {
    const log = { outboxId: row.id, topic: row.topic, requestId: row.request_id, attempt: row.attempts + 1 };
    try {
      const destination = await deliver({ ...deps, db: deps.db }, row);
      await claimedBy
        .update(schema.outbox)
        .set({ deliveredAt: deps.clock.now(), attempts: row.attempts + 1 })
        .where(eq(schema.outbox.id, row.id));
      deps.logger.info({ ...log, destination }, "outbox message delivered");
    } catch (error) {
      const retryAt = new Date(deps.clock.now().getTime() + outboxBackoffMs(row.attempts + 1));
      await claimedBy
        .update(schema.outbox)
        .set({
          attempts: row.attempts + 1,
          availableAt: retryAt,
          lastError: String((error as Error).message ?? error),
        })
        .where(eq(schema.outbox.id, row.id));
      deps.logger.warn({ ...log, err: error, retryAt }, "outbox delivery failed; will retry");
    }
  }
  return rows.length;
}

/** Polls the outbox in every server instance; safe to run many at once. */
export function startOutboxWorker(
  deps: OutboxDeps,
  options: { intervalMs?: number; onError?: (error: unknown) => void; claim?: OutboxClaim } = {},
) {
  const intervalMs = options.intervalMs ?? 1_000;
  // A batch that delivered something is followed at once: more may be waiting.
  return startBackgroundLoop(
    async () => ((await deliverOutboxBatch(deps, undefined, options.claim)) > 0 ? 0 : intervalMs),
    { retryMs: intervalMs, onError: options.onError },
  );
}
