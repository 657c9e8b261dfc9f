import type { Redis } from "@frontrow/redis";
import type postgres from "postgres";
import type { LiveHoldCheck } from "./check-live-holds";
import type { ClientLedger } from "./client-ledger";
import { invariant, type InvariantResult } from "./invariant-result";
import { readRedisInventory, type RedisInventory } from "./read-redis-inventory";

export interface InvariantInput {
  sql: postgres.Sql;
  redis: Redis;
  eventIds: string[];
  ledger: ClientLedger;
  /** From checkLiveHolds, taken when the load stopped. */
  liveHolds?: LiveHoldCheck;
  /** Checkout holds may outlive their expiry by this much (the server's checkout grace). */
  checkoutGraceMs?: number;
  /** Holds older than this past their expiry count as left behind (the sweeper runs every 500 ms). */
  sweepSlackMs?: number;
}

const plural = (n: number, word: string) => `${n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;

async function noSeatSoldTwice(sql: postgres.Sql, eventIds: string[]): Promise<InvariantResult> {
  const [row] = await sql<
    Array<{ sold: number; twice: number; soldWithoutTicket: number; ticketWithoutSale: number }>
  >`
    select
      (select count(*) from event_seats where event_id = any(${eventIds}) and status = 'sold')::int as sold,
      (select count(*) from (
        select 1 from tickets where event_id = any(${eventIds}) and status = 'valid' and seat_id is not null
        group by event_id, seat_id having count(*) > 1) d)::int as twice,
      (select count(*) from event_seats es
        where es.event_id = any(${eventIds}) and es.status = 'sold' and not exists (
          select 1 from tickets t where t.event_id = es.event_id and t.seat_id = es.seat_id
            and t.status = 'valid' and t.order_id = es.order_id))::int as "soldWithoutTicket",
      (select count(*) from tickets t join event_seats es on es.event_id = t.event_id and es.seat_id = t.seat_id
        where t.event_id = any(${eventIds}) and t.status = 'valid'
          and (es.status <> 'sold' or es.order_id is distinct from t.order_id))::int as "ticketWithoutSale"`;
  const r = row ?? { sold: 0, twice: 0, soldWithoutTicket: 0, ticketWithoutSale: 0 };
  return invariant(
    "No seat sold twice",
    r.sold,
    r.twice + r.soldWithoutTicket + r.ticketWithoutSale,
    `${plural(r.sold, "sold seat")}; ${r.twice} with two valid tickets, ${r.soldWithoutTicket} sold without its ticket, ` +
      `${r.ticketWithoutSale} tickets for a seat not sold to their order`,
  );
}

export function noSeatHeldTwice(ledger: ClientLedger, eventIds: string[]): InvariantResult {
  let seats = 0;
  let windows = 0;
  const doubles = [];
  for (const eventId of eventIds) {
    const result = ledger.doubleHolds(eventId);
    seats += result.seatsChecked;
    windows += result.windows;
    doubles.push(...result.doubles);
  }
  const example = doubles[0]
    ? ` (e.g. seat ${doubles[0].seatId}: ${doubles[0].first} and ${doubles[0].second})`
    : "";
  return invariant(
    "No seat held by two fans at once (as fans saw it)",
    windows,
    doubles.length,
    `${plural(windows, "hold window")} on ${plural(seats, "seat")} compared, from success response to release/expiry/sale${example}`,
  );
}

async function withinCapacity(
  sql: postgres.Sql,
  eventIds: string[],
  inventories: Map<string, RedisInventory>,
): Promise<InvariantResult> {
  const sections = await sql<
    Array<{
      eventId: string;
      sectionId: string;
      kind: string;
      capacity: number;
      soldCount: number;
      blockedCount: number;
      soldSeats: number;
      blockedSeats: number;
    }>
  >`
    select esec.event_id as "eventId", esec.section_id as "sectionId", s.kind, esec.capacity,
      esec.sold_count as "soldCount", esec.blocked_count as "blockedCount",
      (select count(*) from event_seats es where es.event_id = esec.event_id and es.section_id = esec.section_id and es.status = 'sold')::int as "soldSeats",
      (select count(*) from event_seats es where es.event_id = esec.event_id and es.section_id = esec.section_id and es.status = 'blocked')::int as "blockedSeats"
    from event_sections esec join sections s on s.id = esec.section_id
    where esec.event_id = any(${eventIds})`;
  const seatSection = new Map<string, string>();
  const soldInPostgres = new Set<string>();
  for (const row of await sql<Array<{ seatId: string; sectionId: string; status: string }>>`
    select seat_id as "seatId", section_id as "sectionId", status from event_seats where event_id = any(${eventIds})`) {
    seatSection.set(row.seatId, row.sectionId);
    if (row.status === "sold") soldInPostgres.add(row.seatId);
  }
  const heldPerSection = new Map<string, number>();
  const heldAndSoldBy: string[] = [];
  let held = 0;
  for (const inventory of inventories.values()) {
    for (const [seatId, holdId] of inventory.heldSeats) {
      held++;
      if (soldInPostgres.has(seatId)) heldAndSoldBy.push(holdId);
      const sectionId = seatSection.get(seatId);
      if (sectionId) heldPerSection.set(sectionId, (heldPerSection.get(sectionId) ?? 0) + 1);
    }
    for (const [sectionId, n] of inventory.gaHeld)
      heldPerSection.set(sectionId, (heldPerSection.get(sectionId) ?? 0) + n);
  }
  let over = 0;
  let counterMismatch = 0;
  for (const section of sections) {
    const heldHere = heldPerSection.get(section.sectionId) ?? 0;
    if (section.soldCount + section.blockedCount + heldHere > section.capacity) over++;
    if (section.kind === "reserved" && section.soldCount !== section.soldSeats) counterMismatch++;
  }
  // A seat held by the very hold that bought it: the sale committed, but its last step (turning the hold into sold
  // seats in Redis) never ran, e.g. because the instance died right after the commit.
  const [{ n: heldByItsOwnSale } = { n: 0 }] = heldAndSoldBy.length
    ? await sql<Array<{ n: number }>>`
        select count(*)::int as n from orders o, unnest(${heldAndSoldBy}::text[]) as h(hold_id)
        where o.hold_id = h.hold_id and o.status = 'confirmed'`
    : [];
  return invariant(
    "Sold + held never above capacity",
    sections.length,
    over + counterMismatch + heldAndSoldBy.length,
    `${plural(sections.length, "section")}, ${plural(held, "seat")} held in Redis at the check; ${over} sections over capacity, ` +
      `${counterMismatch} sold counters not matching their seats, ${heldAndSoldBy.length} seats both held and sold` +
      (heldByItsOwnSale
        ? ` (${heldByItsOwnSale} of them held by the hold whose confirmed order bought them: Redis never learned of the sale)`
        : "") +
      (heldAndSoldBy[0] ? `; e.g. hold ${heldAndSoldBy[0]}` : ""),
  );
}

async function responsesMatchRows(
  sql: postgres.Sql,
  ledger: ClientLedger,
  eventIds: string[],
  live: LiveHoldCheck | undefined,
): Promise<InvariantResult> {
  const told = eventIds.flatMap((eventId) => ledger.ordersOf(eventId));
  const rows = await sql<
    Array<{
      id: string;
      userId: string;
      holdId: string;
      status: string;
      totalCents: number;
      seats: Array<string | null>;
    }>
  >`
    select o.id, o.user_id as "userId", o.hold_id as "holdId", o.status, o.total_cents as "totalCents",
      coalesce(array_agg(t.seat_id order by t.seat_id) filter (where t.id is not null), '{}') as seats
    from orders o left join tickets t on t.event_id = o.event_id and t.order_id = o.id and t.status = 'valid'
    where o.event_id = any(${eventIds})
    group by o.event_id, o.id`;
  const byId = new Map(rows.map((row) => [row.id, row]));
  let mismatched = 0;
  for (const order of told) {
    const row = byId.get(order.orderId);
    const seats = row
      ? row.seats
          .filter((seat): seat is string => seat !== null)
          .sort()
          .join()
      : "";
    if (
      !row ||
      row.status !== "confirmed" ||
      row.userId !== order.userId ||
      row.holdId !== order.holdId ||
      row.totalCents !== order.totalCents ||
      seats !== [...order.seatIds].sort().join()
    ) {
      mismatched++;
    }
  }
  const unacknowledgedOrders = rows.filter((row) => !ledger.orders.has(row.id)).length;
  const liveChecked = live?.checked ?? 0;
  const liveBroken = live ? live.missing.length + live.wrongSeats.length : 0;
  return invariant(
    "Every success response matches exactly one database row",
    told.length + liveChecked,
    mismatched + liveBroken,
    `${plural(told.length, "confirmed order")} looked up (${mismatched} missing or different: status, fan, hold, total, seats); ` +
      (live
        ? `${plural(liveChecked, "live hold")} found in Redis with their seats when the load stopped (${live.missing.length} missing, ${live.wrongSeats.length} with other seats` +
          (live.boughtUnawares
            ? `, ${live.boughtUnawares} bought by a checkout whose answer the fan never got`
            : "") +
          "); "
        : "") +
      `${unacknowledgedOrders} orders and ${live?.unacknowledged ?? 0} holds no fan was told about (timed-out requests)`,
  );
}

async function chargesMatchOrders(sql: postgres.Sql, eventIds: string[]): Promise<InvariantResult> {
  // An authorization whose capture is still queued in the outbox (the sale writes one, due 30 s after the commit)
  // is on its way to being captured: counted apart, not as left open.
  const [row] = await sql<
    Array<{
      captured: number;
      badCapture: number;
      dangling: number;
      queued: number;
      voided: number;
      confirmed: number;
      unpaid: number;
    }>
  >`
    with queued as (
      select payload->>'authorizationId' as ref from outbox where topic = 'payment.capture' and delivered_at is null
    )
    select
      (select count(*) from payments p join orders o on o.id = p.order_id where o.event_id = any(${eventIds}) and p.status = 'captured')::int as captured,
      (select count(*) from payments p left join orders o on o.id = p.order_id
        where p.status = 'captured' and (o.id is null or (o.event_id = any(${eventIds}) and (o.status <> 'confirmed' or o.total_cents <> p.amount_cents))))::int as "badCapture",
      (select count(*) from payments p where p.status = 'authorized' and not exists (select 1 from queued q where q.ref = p.provider_ref))::int as dangling,
      (select count(*) from payments p where p.status = 'authorized' and exists (select 1 from queued q where q.ref = p.provider_ref))::int as queued,
      (select count(*) from payments where status = 'voided')::int as voided,
      (select count(*) from orders where event_id = any(${eventIds}) and status = 'confirmed')::int as confirmed,
      (select count(*) from orders o where o.event_id = any(${eventIds}) and o.status = 'confirmed'
        and (select count(*) from payments p where p.order_id = o.id
          and (p.status = 'captured' or (p.status = 'authorized' and exists (select 1 from queued q where q.ref = p.provider_ref)))) <> 1)::int as unpaid`;
  const r = row ?? { captured: 0, badCapture: 0, dangling: 0, queued: 0, voided: 0, confirmed: 0, unpaid: 0 };
  return invariant(
    "Every charge matches a confirmed order",
    r.captured + r.confirmed,
    r.badCapture + r.unpaid + r.dangling,
    `${plural(r.captured, "captured charge")} for ${plural(r.confirmed, "confirmed order")}; ${r.badCapture} charges without a matching order, ` +
      `${r.unpaid} orders without exactly one charge, ${r.dangling} authorizations left open` +
      (r.queued ? ` (${r.queued} more authorized with their capture still queued in the outbox)` : "") +
      `; ${r.voided} voided (failed checkouts, not charged)`,
  );
}

function noHoldLeftBehind(
  inventories: Map<string, RedisInventory>,
  now: number,
  graceMs: number,
  slackMs: number,
): InvariantResult {
  let holds = 0;
  let overdue = 0;
  let orphanSeats = 0;
  let strayCounters = 0;
  for (const inventory of inventories.values()) {
    holds += inventory.holds.size;
    for (const [holdId, hold] of inventory.holds) {
      const deadline = hold.expiresAtMs + (hold.status === "checkout" ? graceMs : 0) + slackMs;
      if (deadline < now) overdue++;
      if (!inventory.expiry.has(holdId)) overdue++;
    }
    for (const holdId of new Set(inventory.heldSeats.values()))
      if (!inventory.holds.has(holdId)) orphanSeats++;
    for (const [userId, count] of inventory.userHeld) {
      const ids = inventory.userHoldIds.get(userId) ?? [];
      if (count > 0 && ids.every((id) => !inventory.holds.has(id))) strayCounters++;
    }
    // Each client address's held count is what its holds add up to (else releases leak the per-address cap).
    const fromHolds = new Map<string, number>();
    for (const hold of inventory.holds.values()) {
      if (!hold.clientIp) continue;
      const tickets = hold.seatIds.length + hold.generalAdmission.reduce((sum, item) => sum + item.quantity, 0);
      fromHolds.set(hold.clientIp, (fromHolds.get(hold.clientIp) ?? 0) + tickets);
    }
    for (const ip of new Set([...fromHolds.keys(), ...inventory.clientHeld.keys()]))
      if ((fromHolds.get(ip) ?? 0) !== (inventory.clientHeld.get(ip) ?? 0)) strayCounters++;
  }
  return invariant(
    "No hold left behind after expiry",
    holds,
    overdue + orphanSeats + strayCounters,
    `${plural(holds, "hold")} in Redis at the check; ${overdue} past expiry (+${slackMs} ms) or missing from the expiry index, ` +
      `${orphanSeats} seats held by a hold that no longer exists, ${strayCounters} per-fan counters without holds or ` +
      `per-address counters that differ from their holds`,
  );
}

function redisMirrorsPostgres(
  inventories: Map<string, RedisInventory>,
  soldInPostgres: Map<string, Set<string>>,
): InvariantResult {
  let compared = 0;
  let differ = 0;
  let notLoaded = 0;
  for (const [eventId, inventory] of inventories) {
    if (!inventory.loaded) {
      notLoaded++;
      continue;
    }
    const sold = soldInPostgres.get(eventId) ?? new Set();
    compared += sold.size;
    for (const seatId of sold) if (!inventory.soldSeats.has(seatId)) differ++;
    for (const seatId of inventory.soldSeats) if (!sold.has(seatId)) differ++;
  }
  return invariant(
    "Redis agrees with Postgres on sold seats",
    compared,
    differ,
    `${plural(compared, "sold seat")} compared; ${differ} differ` +
      (notLoaded ? `; ${notLoaded} events not loaded in Redis (rebuilt from Postgres on next use)` : ""),
  );
}

/**
 * The invariants of DESIGN.md, checked with SQL against Postgres and a read of Redis, for the given events, against
 * what the fans were told (the ledger). Run after the load has stopped and holds had time to expire.
 */
export async function checkInvariants(input: InvariantInput): Promise<InvariantResult[]> {
  const { sql, redis, eventIds, ledger } = input;
  const inventories = new Map<string, RedisInventory>();
  for (const eventId of eventIds) inventories.set(eventId, await readRedisInventory(redis, eventId));
  const soldInPostgres = new Map<string, Set<string>>();
  for (const row of await sql<Array<{ eventId: string; seatId: string }>>`
    select event_id as "eventId", seat_id as "seatId" from event_seats where event_id = any(${eventIds}) and status = 'sold'`) {
    let set = soldInPostgres.get(row.eventId);
    if (!set) soldInPostgres.set(row.eventId, (set = new Set()));
    set.add(row.seatId);
  }
  return [
    await noSeatSoldTwice(sql, eventIds),
    noSeatHeldTwice(ledger, eventIds),
    await withinCapacity(sql, eventIds, inventories),
    await responsesMatchRows(sql, ledger, eventIds, input.liveHolds),
    await chargesMatchOrders(sql, eventIds),
    noHoldLeftBehind(inventories, Date.now(), input.checkoutGraceMs ?? 60_000, input.sweepSlackMs ?? 3_000),
    redisMirrorsPostgres(inventories, soldInPostgres),
  ];
}
