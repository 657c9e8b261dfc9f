import { createHash, randomUUID } from "node:crypto";
import { schema, type Transaction } from "@frontrow/db";
import {
  keys,
  runAbortCheckout,
  runBeginCheckout,
  runCompleteCheckout,
  scripts,
  type Redis,
  type StoredHold,
} from "@frontrow/redis";
import type { CheckoutInput, HoldPrice } from "@frontrow/validators";
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { runQueueLeave } from "@frontrow/redis";
import type { Clock } from "../clock";
import type { ProcessLiveness } from "../process-liveness";
import { byLockOrder, lockingTransaction, type LockingDeps, type RowLocks } from "../db/row-locks";
import { markOffersPurchased } from "../waiting-list/offer-returned-seats";
import { listedSeats, refundResaleSellers } from "../resale/resale-listings";
import { DomainError } from "../errors";
import { perDatabase } from "../prepared";
import { eventDisplayStatus, type EventLifecycle } from "../catalog/event-display-status";
import type { EventLayout, EventLayoutCache } from "../holds/event-layout";
import { eventIdOfHold } from "../holds/hold-id";
import { priceHold } from "../holds/price-hold";
import { getOrder, type Order } from "../orders/get-order";
import type { PaymentProvider } from "../payments/payment-provider";
import { capturePayment } from "../payments/capture-payment";
import { generateTicketCode } from "../tickets/ticket-code";
import { seatClaim } from "../tickets/seat-claim";
import type { TicketSigner } from "../tickets/ticket-signer";

export interface CheckoutDeps extends LockingDeps {
  redis: Redis;
  clock: Clock;
  layouts: EventLayoutCache;
  payments: PaymentProvider;
  tickets: TicketSigner;
  /** How long a checkout may run past the hold's expiry before the sweeper may free it. */
  checkoutGraceMs?: number;
  /** How long a duplicate request waits for the first one to finish. */
  idempotencyWaitMs?: number;
  /**
   * How long a checkout's lease on its idempotency key lasts without renewal (renewed at a third of it while the
   * checkout runs). A retry that finds the lease gone takes the key over: the process that held it died.
   */
  checkoutLeaseMs?: number;
  /**
   * Which process this is, and whether another one still is: a retry takes the key over from a checkout whose
   * process died as soon as the process's database connections are gone, without waiting for the lease to run out.
   */
  liveness?: ProcessLiveness;
  /** Told about a failure after the sale committed (capture, Redis); the order stands regardless. */
  onAfterCommitError?: (error: unknown, context: { orderId: string; step: string }) => void;
}

const { idempotencyKeys, orders, tickets, eventSeats, eventSections, events, payments, outbox, resaleListings } = schema;

function requestHash(input: CheckoutInput): string {
  const { payment } = input;
  return createHash("sha256")
    .update(JSON.stringify([input.holdId, payment.cardNumber, payment.expMonth, payment.expYear, payment.name]))
    .digest("hex");
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const idempotencyKeyIs = and(
  eq(idempotencyKeys.userId, sql.placeholder("userId")),
  eq(idempotencyKeys.key, sql.placeholder("key")),
);

/** The statements outside the sale's transaction (those inside run on its connection and are built per call). */
const statements = perDatabase((db) => ({
  takeOverKey: db
    .update(idempotencyKeys)
    .set({
      requestHash: sql`${sql.placeholder("requestHash")}`,
      createdAt: sql`${sql.placeholder("createdAt")}`,
      owner: sql`${sql.placeholder("owner")}`,
    })
    .where(
      and(
        idempotencyKeyIs,
        eq(idempotencyKeys.status, "in_progress"),
        eq(idempotencyKeys.createdAt, sql.placeholder("claimedAt")),
      ),
    )
    .returning({ key: idempotencyKeys.key })
    .prepare("checkout_take_over_key"),
}));

interface HeldKey {
  status: (typeof idempotencyKeys.$inferSelect)["status"];
  requestHash: string;
  orderId: string | null;
  createdAt: Date;
  owner: string | null;
}

/**
 * Claims the key, or reads the claim that has it, in one round trip: a retry, a double click or a replay finds the
 * key taken, and reading it was a second trip on a busy process. The read sees the rows committed when the statement
 * began, so a claim committed just after (the insert waited for it and gave way) reads as none: the caller tries
 * again, as when the claim it conflicted with was let go.
 */
async function claimOrRead(
  db: CheckoutDeps["db"],
  claim: { userId: string; key: string; requestHash: string; createdAt: Date; owner: string | null },
): Promise<"claimed" | HeldKey | undefined> {
  const rows = await db.execute<{
    claimed: boolean;
    status: HeldKey["status"] | null;
    request_hash: string | null;
    order_id: string | null;
    created_at: string | Date | null;
    owner: string | null;
  }>(sql`
    with claim as (
      insert into ${idempotencyKeys} (user_id, key, request_hash, created_at, owner)
      values (${claim.userId}, ${claim.key}, ${claim.requestHash}, ${claim.createdAt.toISOString()}, ${claim.owner})
      on conflict do nothing
      returning 1
    )
    select exists (select 1 from claim) as claimed, held.status, held.request_hash, held.order_id, held.created_at,
      held.owner
    from (values (1)) as one
    left join ${idempotencyKeys} as held on held.user_id = ${claim.userId} and held.key = ${claim.key}`);
  const row = rows[0]!;
  if (row.claimed) return "claimed";
  if (row.status === null || row.request_hash === null || row.created_at === null) return undefined;
  return {
    status: row.status,
    requestHash: row.request_hash,
    orderId: row.order_id,
    createdAt: new Date(row.created_at),
    owner: row.owner,
  };
}

/** The claim of an idempotency key that this request now works under. */
interface KeyClaim {
  /** When the key was claimed: which claim a later write belongs to, if another request takes the key over. */
  createdAt: Date;
  /** The key was taken over from a checkout that died: its hold may still be marked as checking out. */
  tookOver: boolean;
  lease: { stop(): void };
}

const DEFAULT_LEASE_MS = 3_000;

/** A lease's value: the claim it keeps alive (its createdAt) and, when known, the process running it. */
function leaseHolder(createdAt: Date, owner: string | undefined): string {
  return owner ? `${createdAt.getTime()} ${owner}` : String(createdAt.getTime());
}

function parseLeaseHolder(value: string | null): { claimedAt: number; owner?: string } | undefined {
  if (value === null) return undefined;
  const space = value.indexOf(" ");
  return space === -1
    ? { claimedAt: Number(value) }
    : { claimedAt: Number(value.slice(0, space)), owner: value.slice(space + 1) };
}

/** Keeps the claim's lease alive in Redis until stopped. A lost renewal only lets a retry take over sooner. */
function holdLease(deps: CheckoutDeps, leaseKey: string, createdAt: Date): KeyClaim["lease"] {
  const leaseMs = deps.checkoutLeaseMs ?? DEFAULT_LEASE_MS;
  const holder = leaseHolder(createdAt, deps.liveness?.self);
  const renew = () => deps.redis.set(leaseKey, holder, "PX", leaseMs).catch(() => undefined);
  void renew();
  const timer = setInterval(() => void renew(), Math.max(1, Math.floor(leaseMs / 3)));
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      void scripts.releaseLease(deps.redis, { lease: leaseKey }, { holder }).catch(() => undefined);
    },
  };
}

/**
 * Claims the idempotency key. Returns the claim when this request must do the work, or the order a previous or
 * concurrent request with the same key produced. A key whose checkout stopped renewing its lease (the process
 * died) is taken over within the lease's time, so a fan retrying on another instance gets an answer in seconds.
 */
async function claimKey(deps: CheckoutDeps, userId: string, input: CheckoutInput): Promise<KeyClaim | Order> {
  const hash = requestHash(input);
  const deadline = Date.now() + (deps.idempotencyWaitMs ?? 20_000);
  const leaseMs = deps.checkoutLeaseMs ?? DEFAULT_LEASE_MS;
  const leaseKey = keys.checkoutLease(eventIdOfHold(input.holdId), userId, input.idempotencyKey);
  const prepared = statements(deps.db);
  const owner = deps.liveness?.self ?? null;
  let tookOver = false;
  for (;;) {
    const createdAt = deps.clock.now();
    const attempt = await claimOrRead(deps.db, { userId, key: input.idempotencyKey, requestHash: hash, createdAt, owner });
    if (attempt === "claimed") return { createdAt, tookOver, lease: holdLease(deps, leaseKey, createdAt) };
    const existing = attempt;
    if (!existing) continue; // the other request failed and let go of the key: try to take it
    const age = deps.clock.now().getTime() - existing.createdAt.getTime();
    // Older than any live checkout can be: the process that claimed it died. Take the key over.
    let dead = existing.status === "in_progress" && age > 2 * (deps.checkoutGraceMs ?? 60_000);
    if (!dead && existing.status === "in_progress" && existing.requestHash === hash) {
      dead = await claimAbandoned(deps, leaseKey, existing, age > leaseMs);
    }
    if (dead) {
      // The dead claim becomes this request's in one statement (its sale, if it ever got that far, is fenced off by
      // the new createdAt); if another retry took it first, nothing changes and the loop reads who has it now.
      const taken = await prepared.takeOverKey.execute({
        userId,
        key: input.idempotencyKey,
        claimedAt: existing.createdAt.toISOString(),
        requestHash: hash,
        createdAt: createdAt.toISOString(),
        owner,
      });
      if (taken.length > 0) return { createdAt, tookOver: true, lease: holdLease(deps, leaseKey, createdAt) };
      tookOver = true;
      continue;
    }
    if (existing.requestHash !== hash) {
      throw new DomainError("IDEMPOTENCY_KEY_REUSED", "This idempotency key was used for a different checkout");
    }
    if (existing.status === "completed" && existing.orderId) {
      return getOrder({ db: deps.db, tickets: deps.tickets }, { orderId: existing.orderId, userId });
    }
    if (Date.now() > deadline) {
      throw new DomainError("CHECKOUT_IN_PROGRESS", "This payment is still being processed. Check your orders shortly.");
    }
    await sleep(100);
  }
}

/**
 * Whether an in-progress claim has lost its checkout: its lease ran out without renewal (or Redis lost it) once the
 * claim is old enough to have one, or the process running it (named by its lease, else by the claim's row) has no
 * database connection left (killed). Either way the claim's process is gone, or stalled so long that its sale, if
 * it ever gets there, is refused for no longer owning the key. The row's name covers a process killed between its
 * claim's commit and its lease's first write to Redis: without it, a retry waited out the whole lease.
 */
async function claimAbandoned(
  deps: CheckoutDeps,
  leaseKey: string,
  claim: Pick<HeldKey, "createdAt" | "owner">,
  leaseDue: boolean,
): Promise<boolean> {
  const lease = parseLeaseHolder(await deps.redis.get(leaseKey));
  const leased = lease?.claimedAt === claim.createdAt.getTime();
  if (!leased && leaseDue) return true;
  const owner = leased ? lease.owner : claim.owner;
  if (!owner || !deps.liveness) return false;
  return !(await deps.liveness.isConnected(owner));
}

/** Lets go of this request's own claim (never a claim a retry took over from it). */
async function releaseKey(deps: CheckoutDeps, userId: string, key: string, createdAt: Date) {
  await deps.db
    .delete(idempotencyKeys)
    .where(
      and(
        eq(idempotencyKeys.userId, userId),
        eq(idempotencyKeys.key, key),
        eq(idempotencyKeys.status, "in_progress"),
        eq(idempotencyKeys.createdAt, createdAt),
      ),
    );
}

interface PricedLine {
  sectionId: string;
  tierId: string;
  priceCents: number;
  seatId: string | null;
  claim: string;
}

/** A line per ticket to sell, from the hold's price (a standing area's places one by one). */
function ticketLines(layout: EventLayout, price: HoldPrice): PricedLine[] {
  return price.lines.flatMap((line) => {
    const section = layout.sectionById.get(line.sectionId)!;
    const seat = line.seatId === null ? undefined : layout.seatById.get(line.seatId)!;
    const ticket: PricedLine = {
      sectionId: line.sectionId,
      tierId: line.tierId,
      priceCents: line.unitCents,
      seatId: line.seatId,
      claim: seatClaim(section.name, seat?.row ?? null, seat?.number ?? null),
    };
    return Array.from({ length: line.quantity }, () => ticket);
  });
}

/**
 * Proves and records the sale in one transaction: every seat flips available → sold with a row count equal to
 * the seats bought, every section's sold count stays within capacity, the fan stays within the per-fan limit,
 * and the order, tickets, payment and outbox row are written with it. Throws SEAT_UNAVAILABLE, NOT_ON_SALE or
 * LIMIT_EXCEEDED (rolling everything back) if any check fails.
 */
async function recordSale(
  tx: Transaction,
  locks: RowLocks,
  deps: CheckoutDeps,
  sale: {
    orderId: string;
    userId: string;
    eventId: string;
    holdId: string;
    /** The hold was a waiting-list offer: its entry is marked purchased with the sale. */
    waitingListEntryId: string | undefined;
    lines: PricedLine[];
    /** Seats of the hold listed for resale: the sale takes them from their sellers (see below). */
    resales: ResaleBought[];
    layout: EventLayout;
    authorization: { authorizationId: string; last4: string };
    idempotencyKey: string;
    /** This request's claim of the key: the sale commits only while the key is still that claim's. */
    claimedAt: Date;
    ownership: { lost: boolean };
    requestId: string | undefined;
    now: Date;
  },
) {
  const { lines, layout, orderId } = sale;
  // The two row locks, the fan's ticket count and every write are issued at once, in lock order (postgres.js writes
  // them to the connection together and Postgres runs them in order): on a saturated process every round trip waits
  // a long turn of the event loop, and a sale was a dozen of them. What they found is checked once all have
  // answered; a check that fails throws, and the transaction rolls back what the statements after it did.
  const ownClaim = and(
    eq(idempotencyKeys.userId, sale.userId),
    eq(idempotencyKeys.key, sale.idempotencyKey),
    eq(idempotencyKeys.status, "in_progress"),
    eq(idempotencyKeys.createdAt, sale.claimedAt),
  );
  const subtotalCents = lines.reduce((sum, line) => sum + line.priceCents, 0);
  const feesCents = lines.length * layout.event.feeCents;
  const resaleBySeat = new Map(sale.resales.map((resale) => [resale.seatId, resale]));
  // Resale seats are sold already (to their sellers): they change hands, they are not sold again.
  const seatIds = lines.flatMap((line) => (line.seatId && !resaleBySeat.has(line.seatId) ? [line.seatId] : []));
  const perSection = new Map<string, number>();
  for (const line of lines) {
    if (line.seatId && resaleBySeat.has(line.seatId)) continue;
    perSection.set(line.sectionId, (perSection.get(line.sectionId) ?? 0) + 1);
  }
  const newTickets = lines.map((line) => {
    const id = randomUUID();
    return {
      id,
      orderId,
      eventId: sale.eventId,
      sectionId: line.sectionId,
      seatId: line.seatId,
      tierId: line.tierId,
      priceCents: line.priceCents,
      holderId: sale.userId,
      code: generateTicketCode(),
      signature: deps.tickets.sign({ ticketId: id, eventId: sale.eventId, seat: line.claim }),
    };
  });
  // A resale in the sale's transaction: the seller's ticket voided (before the buyer's takes the seat: one valid
  // ticket per seat), the listing sold with the seller's refund due, the seat's row moved to this order. Each must
  // find its row as it was listed, or the sale is refused: so a ticket changes hands whole, never half.
  const resaleSteps = sale.resales.length === 0 ? [] : [
    tx
      .update(tickets)
      .set({ status: "void" })
      .where(
        and(
          eq(tickets.eventId, sale.eventId),
          inArray(tickets.id, sale.resales.map((resale) => resale.ticketId)),
          eq(tickets.status, "valid"),
        ),
      )
      .returning({ id: tickets.id }),
    ...sale.resales.map((resale) =>
      tx
        .update(resaleListings)
        .set({
          status: "sold",
          buyerOrderId: orderId,
          newTicketId: newTickets.find((ticket) => ticket.seatId === resale.seatId)!.id,
          refundStatus: "due",
          closedAt: sale.now,
        })
        .where(and(eq(resaleListings.id, resale.listingId), eq(resaleListings.status, "listed")))
        .returning({ id: resaleListings.id }),
    ),
    tx
      .update(eventSeats)
      .set({ orderId, soldAt: sale.now })
      .where(
        and(
          eq(eventSeats.eventId, sale.eventId),
          inArray(eventSeats.seatId, sale.resales.map((resale) => resale.seatId)),
          eq(eventSeats.status, "sold"),
        ),
      )
      .returning({ seatId: eventSeats.seatId }),
  ];
  const sectionCounts = [...perSection].sort(([a], [b]) => byLockOrder(a, b));
  // Sent last, because this row lock is shared by every checkout in the section and is held until the commit; in
  // section order, so two orders spanning the same sections cannot deadlock.
  const sectionUpdates = sectionCounts.map(([sectionId, count]) =>
    tx
      .update(eventSections)
      .set({ soldCount: sql`${eventSections.soldCount} + ${count}` })
      .where(
        and(
          eq(eventSections.eventId, sale.eventId),
          eq(eventSections.sectionId, sectionId),
          sql`${eventSections.soldCount} + ${eventSections.blockedCount} + ${count} <= ${eventSections.capacity}`,
        ),
      )
      .returning({ sectionId: eventSections.sectionId }),
  );
  const locked = Promise.all([
    // First, and locking the key's row until the commit: a retry can no longer take the key over from this sale.
    locks.update("idempotencyKey", tx.select({ key: idempotencyKeys.key }).from(idempotencyKeys).where(ownClaim)),
    // A share lock on the event: an organizer pausing, ending or cancelling it waits for sales in flight, and sales
    // after that see the new status. So a cancellation's refunds reach every order it did not refuse.
    locks.share(
      "event",
      tx
        .select({
          status: events.status,
          onSaleAt: events.onSaleAt,
          startsAt: events.startsAt,
          salesEndAt: events.salesEndAt,
          perFanLimit: events.perFanLimit,
        })
        .from(events)
        .where(eq(events.id, sale.eventId)),
    ),
  ]);

  // From here on every statement is a plain query builder: they reach the connection in the order written.
  const answered = Promise.allSettled([
    // Counted before this sale's tickets are inserted, under a transaction-level advisory lock per (fan, event), a
    // pair no row stands for: two checkouts of one fan count one after the other, so neither misses the tickets the
    // other is about to commit. Holds check the per-fan limit against Redis's count, which a Redis that lost or
    // mangled its data can get wrong; this count is Postgres's own.
    tx.execute(sql`select pg_advisory_xact_lock(hashtext(${sale.userId}), hashtext(${sale.eventId}))`),
    // By holder: tickets transferred to the fan count, tickets they transferred away do not.
    tx
      .select({ bought: sql<number>`count(*)::int` })
      .from(tickets)
      .where(and(eq(tickets.eventId, sale.eventId), eq(tickets.holderId, sale.userId), eq(tickets.status, "valid"))),
    tx.insert(orders).values({
      id: orderId,
      userId: sale.userId,
      eventId: sale.eventId,
      holdId: sale.holdId,
      subtotalCents,
      feesCents,
      totalCents: subtotalCents + feesCents,
      currency: layout.event.currency,
    }),
    ...resaleSteps,
    seatIds.length === 0
      ? Promise.resolve([])
      : tx
          .update(eventSeats)
          .set({ status: "sold", orderId, soldAt: sale.now })
          .where(and(eq(eventSeats.eventId, sale.eventId), inArray(eventSeats.seatId, seatIds), eq(eventSeats.status, "available")))
          .returning({ seatId: eventSeats.seatId }),
    tx.insert(tickets).values(newTickets),
    tx.insert(payments).values({
      userId: sale.userId,
      eventId: sale.eventId,
      orderId,
      provider: deps.payments.name,
      providerRef: sale.authorization.authorizationId,
      amountCents: subtotalCents + feesCents,
      currency: layout.event.currency,
      status: "authorized",
      cardLast4: sale.authorization.last4,
    }),
    tx.insert(outbox).values([
      // Capturing is also done right after the commit; this row makes it certain even if the process dies first.
      {
        topic: "payment.capture",
        payload: { orderId, authorizationId: sale.authorization.authorizationId },
        requestId: sale.requestId ?? null,
        availableAt: new Date(sale.now.getTime() + 30_000),
      },
      { topic: "order.confirmed", payload: { orderId }, requestId: sale.requestId ?? null, availableAt: sale.now },
      // Likewise for turning the hold into sold seats in Redis: a process dying right after the commit would leave
      // the seats held, and released as available once the hold's checkout grace ran out.
      {
        topic: "hold.convert",
        payload: { orderId, holdId: sale.holdId },
        requestId: sale.requestId ?? null,
        availableAt: new Date(sale.now.getTime() + 10_000),
      },
      // The sellers of resale seats are refunded once this payment is captured (also right after the capture below).
      ...(sale.resales.length > 0
        ? [{ topic: "resale.refund", payload: { orderId }, requestId: sale.requestId ?? null, availableAt: new Date(sale.now.getTime() + 35_000) }]
        : []),
    ]),
    tx.update(idempotencyKeys).set({ status: "completed", eventId: sale.eventId, orderId }).where(ownClaim),
    sale.waitingListEntryId ? markOffersPurchased(tx, [sale.waitingListEntryId], sale.now) : Promise.resolve([]),
    ...sectionUpdates,
  ]);
  // In the order they ran: a statement that failed fails every one after it (the transaction is aborted), and an
  // earlier answer explains a later failure (a key taken over, then seats sold meanwhile, then their tickets'
  // unique index).
  const [[claimed], [lifecycle]] = await locked;
  if (!claimed) {
    // This checkout stalled past its lease and a retry took the key over: the retry's sale is the one that stands.
    sale.ownership.lost = true;
    throw new DomainError("CHECKOUT_IN_PROGRESS", "This payment is being completed by a retry of it. Check your orders.");
  }
  assertOnSale(lifecycle, sale.now);
  const answers = await answered;
  const [, counted, , ...rest] = answers;
  const resaleAnswers = rest.slice(0, resaleSteps.length);
  const seatsSold = rest[resaleSteps.length] as PromiseSettledResult<Array<{ seatId: string }>>;
  if (counted.status === "fulfilled") {
    const bought = counted.value[0]?.bought ?? 0;
    if (bought + lines.length > lifecycle.perFanLimit) {
      throw new DomainError(
        "LIMIT_EXCEEDED",
        `You can have at most ${lifecycle.perFanLimit} tickets for this event (you have ${bought}); your card was not charged`,
      );
    }
  }
  if (seatsSold.status === "fulfilled" && seatsSold.value.length !== seatIds.length) {
    const got = new Set(seatsSold.value.map((row) => row.seatId));
    throw new DomainError("SEAT_UNAVAILABLE", "Some of these seats were sold to someone else", {
      seatIds: seatIds.filter((id) => !got.has(id)),
    });
  }
  // The tickets voided and the seats moved: one row per resale; each listing: its own row.
  const resaleRowsExpected = resaleSteps.map((_, index) =>
    index === 0 || index === resaleSteps.length - 1 ? sale.resales.length : 1,
  );
  const resaleLost = resaleAnswers.some(
    (answer, index) => answer.status === "fulfilled" && (answer.value as unknown[]).length !== resaleRowsExpected[index],
  );
  if (resaleLost) {
    throw new DomainError("SEAT_UNAVAILABLE", "A resale ticket you picked was withdrawn or cancelled by its seller meanwhile", {
      seatIds: sale.resales.map((resale) => resale.seatId),
    });
  }
  const failed = answers.find((answer) => answer.status === "rejected");
  if (failed) throw failed.reason;
  const sections = answers
    .slice(answers.length - sectionUpdates.length)
    .map((answer) => (answer as PromiseFulfilledResult<Array<{ sectionId: string }>>).value);
  const soldOut = sections.findIndex((updated) => updated.length !== 1);
  if (soldOut >= 0) {
    throw new DomainError("SEAT_UNAVAILABLE", "This section just sold out", { seatIds: [sectionCounts[soldOut]![0]] });
  }
}

/** A resale listing a sale buys (see listedSeats). */
type ResaleBought = Awaited<ReturnType<typeof listedSeats>>[number];

function assertOnSale(event: EventLifecycle | undefined, now: Date): asserts event is EventLifecycle {
  if (!event || eventDisplayStatus(event, 1, now) !== "on_sale") {
    throw new DomainError("NOT_ON_SALE", "Sales for this event are paused or over; your card was not charged");
  }
}

/**
 * Pays for a hold. Order of work: claim the idempotency key, mark the hold as checking out (it cannot expire or
 * be released meanwhile), authorize the card, record the sale in one transaction, then capture and turn the
 * hold into sold seats in Redis. Anything failing before the commit voids the authorization and puts the hold
 * back as it was. The same key from the same fan always returns the same order and charges once. While it runs,
 * the checkout renews a short lease on its key in Redis; if its process dies, the fan's retry (on any instance)
 * takes the key and the hold's checkout over once the lease ran out, instead of waiting minutes for the key to age.
 */
export async function completeCheckout(
  deps: CheckoutDeps,
  input: CheckoutInput & { userId: string; requestId?: string },
): Promise<Order> {
  const claim = await claimKey(deps, input.userId, input);
  if (!("lease" in claim)) return claim;
  try {
    return await checkoutAsOwner(deps, input, claim);
  } finally {
    claim.lease.stop();
  }
}

async function checkoutAsOwner(
  deps: CheckoutDeps,
  input: CheckoutInput & { userId: string; requestId?: string },
  claim: KeyClaim,
): Promise<Order> {
  const { userId } = input;
  const eventId = eventIdOfHold(input.holdId);
  const ownership = { lost: false };
  let authorizationId: string | undefined;
  let holdMarked = false;
  let orderId: string;
  let hold: StoredHold;
  let layout: EventLayout;
  let resales: ResaleBought[] = [];
  try {
    const now = deps.clock.now();
    if (input.payment.expYear * 12 + input.payment.expMonth < now.getUTCFullYear() * 12 + now.getUTCMonth() + 1) {
      throw new DomainError("INVALID_INPUT", "This card has expired", { field: "payment.expYear" });
    }
    const began = await runBeginCheckout(deps.redis, {
      eventId,
      holdId: input.holdId,
      userId,
      nowMs: now.getTime(),
      graceMs: deps.checkoutGraceMs ?? 60_000,
      takeOver: claim.tookOver,
    });
    if (!began.ok) {
      if (began.reason === "CHECKING_OUT") {
        throw new DomainError("CHECKOUT_IN_PROGRESS", "This hold is already being paid for");
      }
      const [existing] = await deps.db
        .select({ id: orders.id })
        .from(orders)
        .where(and(eq(orders.holdId, input.holdId), eq(orders.userId, userId), ne(orders.status, "cancelled")));
      if (existing) {
        await releaseKey(deps, userId, input.idempotencyKey, claim.createdAt);
        return await getOrder({ db: deps.db, tickets: deps.tickets }, { orderId: existing.id, userId });
      }
      throw began.reason === "HOLD_EXPIRED"
        ? new DomainError("HOLD_EXPIRED", "Your hold expired before payment started. Please choose your seats again.")
        : new DomainError("HOLD_NOT_FOUND", "This hold does not exist or has expired");
    }
    holdMarked = true;
    hold = began.hold;

    layout = await deps.layouts.get(eventId);
    assertOnSale(layout.event, now);
    const authorize = (amountCents: number) =>
      deps.payments.authorize({ amountCents, currency: layout.event.currency, card: input.payment, reference: input.holdId });
    // Which of the hold's seats are resale listings (priced at what their sellers paid) is asked of Postgres beside
    // the authorization at the tier prices, not before it: nearly every hold has none, and on a busy process a round
    // trip in front of the payment is a long one. A hold with listings priced otherwise is authorized again.
    const tierPrice = priceHold(layout, hold);
    const [listed, authorizedAtTier] = await Promise.allSettled([
      listedSeats(deps.db, eventId, hold.seatIds),
      authorize(tierPrice.totalCents),
    ]);
    let authorization = authorizedAtTier.status === "fulfilled" ? authorizedAtTier.value : undefined;
    if (authorization?.ok) authorizationId = authorization.authorizationId;
    if (listed.status === "rejected") throw listed.reason;
    if (authorizedAtTier.status === "rejected") throw authorizedAtTier.reason;
    resales = listed.value;
    const price =
      resales.length === 0
        ? tierPrice
        : priceHold(layout, hold, new Map(resales.map((resale) => [resale.seatId, resale.priceCents])));
    if (price.totalCents !== tierPrice.totalCents) {
      if (authorizationId) await deps.payments.void(authorizationId);
      authorizationId = undefined;
      authorization = await authorize(price.totalCents);
      if (authorization.ok) authorizationId = authorization.authorizationId;
    }
    const lines = ticketLines(layout, price);
    const authorized = authorization!;
    if (!authorized.ok) throw new DomainError("PAYMENT_DECLINED", authorized.message);

    orderId = randomUUID();
    const sale = {
      orderId,
      userId,
      eventId,
      holdId: input.holdId,
      waitingListEntryId: hold.waitingListEntryId,
      lines,
      resales,
      layout,
      authorization: authorized,
      idempotencyKey: input.idempotencyKey,
      claimedAt: claim.createdAt,
      ownership,
      requestId: input.requestId,
      now,
    };
    await lockingTransaction(deps, (tx, locks) => recordSale(tx, locks, deps, sale));
  } catch (error) {
    // Nothing was sold: undo everything so the fan can retry with their hold as it was.
    if (authorizationId) await deps.payments.void(authorizationId);
    // A retry that took the key over is paying for this hold now: leave its mark and its claim alone.
    if (holdMarked && !ownership.lost) await runAbortCheckout(deps.redis, { eventId, holdId: input.holdId });
    await releaseKey(deps, userId, input.idempotencyKey, claim.createdAt);
    throw error;
  }

  // The sale is committed and stands; what follows must not turn a confirmed order into an error.
  const afterCommit = async (step: string, work: () => Promise<unknown>) => {
    try {
      await work();
    } catch (error) {
      deps.onAfterCommitError?.(error, { orderId, step });
    }
  };
  // What fans see (the seats sold, on every map) is sent first; the gateway's capture runs beside it, not after.
  const seatsSold = async () => {
    await afterCommit("redis", () =>
      runCompleteCheckout(deps.redis, {
        eventId,
        holdId: input.holdId,
        orderId,
        userId,
        seatIds: hold.seatIds,
        generalAdmission: hold.generalAdmission,
        resold: resales.map((resale) => ({ listingId: resale.listingId, sellerId: resale.sellerId })),
      }),
    );
    // A waiting-room shopper who has bought is done: their slot goes to the next fan in line.
    if (layout.event.waitingRoomEnabled) await afterCommit("queue", () => runQueueLeave(deps.redis, { eventId, userId }));
  };
  let captured = false;
  const [, , order] = await Promise.all([
    seatsSold(),
    afterCommit("capture", async () => {
      captured = await capturePayment(deps, authorizationId!);
      // The sellers of resale seats get their money back only now that the buyer's is taken.
      if (captured && resales.length > 0) await refundResaleSellers(deps, orderId);
    }),
    getOrder({ db: deps.db, tickets: deps.tickets }, { orderId, userId }),
  ]);
  // The order is read beside the capture (a round trip fewer), so it may show the payment as still authorized.
  return captured && order.payment ? { ...order, payment: { ...order.payment, status: "captured" as const } } : order;
}
