import { newFairnessSeed } from "@frontrow/db";
import type postgres from "postgres";

export interface OnsaleRules {
  /** Seats left on sale; the rest of the venue is blocked (so a small on-sale can sell out). */
  seatsOnSale: number;
  admitRatePerMinute: number;
  maxActiveShoppers: number;
  shoppingWindowSeconds: number;
  holdSeconds: number;
}

/**
 * Turns a seeded event into a waiting-room on-sale an hour away (the admitter and every instance pick it up at
 * start): pre-queue open now, a fresh fairness seed, the given rules, and only `seatsOnSale` seats for sale.
 * The scenario later moves the on-sale to a few seconds ahead. Returns the seats actually on sale.
 */
export async function configureOnsaleEvent(
  sql: postgres.Sql,
  eventId: string,
  rules: OnsaleRules,
): Promise<number> {
  const { fairnessSeed, fairnessSeedHash } = newFairnessSeed();
  return sql.begin(async (tx) => {
    await tx`
      update events set
        status = 'scheduled',
        on_sale_at = now() + interval '1 hour',
        pre_queue_opens_at = now() - interval '1 minute',
        starts_at = greatest(starts_at, now() + interval '7 days'),
        waiting_room_enabled = true,
        admit_rate_per_minute = ${rules.admitRatePerMinute},
        max_active_shoppers = ${rules.maxActiveShoppers},
        shopping_window_seconds = ${rules.shoppingWindowSeconds},
        hold_seconds = ${rules.holdSeconds},
        fairness_seed = ${fairnessSeed},
        fairness_seed_hash = ${fairnessSeedHash},
        updated_at = now()
      where id = ${eventId}`;
    return keepSeatsOnSale(tx, eventId, rules.seatsOnSale);
  });
}

/** Blocks every available seat of the event past the first `seatsOnSale` (by section, row, number); returns those left. */
export async function keepSeatsOnSale(tx: postgres.TransactionSql, eventId: string, seatsOnSale: number): Promise<number> {
  await tx`
    with ordered as (
      select es.seat_id, row_number() over (order by sec.sort_order, s.row, s.number) as n
      from event_seats es join seats s on s.id = es.seat_id join sections sec on sec.id = es.section_id
      where es.event_id = ${eventId} and es.status = 'available')
    update event_seats es set status = 'blocked'
    from ordered where es.event_id = ${eventId} and es.seat_id = ordered.seat_id and ordered.n > ${seatsOnSale}`;
  await tx`
    update event_sections esec set blocked_count = (
      select count(*) from event_seats es
      where es.event_id = esec.event_id and es.section_id = esec.section_id and es.status = 'blocked')
    where esec.event_id = ${eventId}`;
  const [row] = await tx<Array<{ n: number }>>`
    select count(*)::int as n from event_seats where event_id = ${eventId} and status = 'available'`;
  return row?.n ?? 0;
}
