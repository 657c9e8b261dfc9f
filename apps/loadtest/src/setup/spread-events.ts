import { keys } from "@frontrow/redis";
import type { LocalCluster } from "@frontrow/redis/local-cluster";
import type postgres from "postgres";

export interface EventOnMaster {
  eventId: string;
  /** The port of the Redis Cluster master that serves the event's keys. */
  masterPort: number;
}

/**
 * One event per master of the cluster: `eventId` itself, and copies of it (same venue, sections, prices and seats,
 * a name ending in "#2", "#3", …) whose ids hash to the masters it does not cover, `eventId` first. Runs before the instances start, like any scenario's preparation.
 */
export async function spreadEventOverMasters(
  sql: postgres.Sql,
  cluster: LocalCluster,
  eventId: string,
): Promise<EventOnMaster[]> {
  const masterOfEvent = (id: string) => cluster.masterOf(keys.eventInventory(id).seats);
  const chosen: EventOnMaster[] = [{ eventId, masterPort: await masterOfEvent(eventId) }];
  const masters = await cluster.masterPorts();
  for (let tries = 0; chosen.length < masters.length; tries++) {
    if (tries > 1_000) throw new Error("could not find event ids for every master");
    const [{ id }] = await sql<[{ id: string }]>`select gen_random_uuid()::text as id`;
    const masterPort = await masterOfEvent(id);
    if (!chosen.some((event) => event.masterPort === masterPort)) chosen.push({ eventId: id, masterPort });
  }
  await sql.begin(async (tx) => {
    for (const [i, { eventId: copyId }] of chosen.entries()) {
      if (i === 0) continue;
      await tx`create temp table copy_events on commit drop as select * from events where id = ${eventId}`;
      await tx`update copy_events set id = ${copyId}, name = name || ${` #${i + 1}`}`;
      await tx`insert into events select * from copy_events`;
      await tx`create temp table copy_tiers on commit drop as
        select t.*, gen_random_uuid() as new_id from price_tiers t where event_id = ${eventId}`;
      await tx`insert into price_tiers (id, event_id, name, price_cents, color, sort_order)
        select new_id, ${copyId}, name, price_cents, color, sort_order from copy_tiers`;
      await tx`insert into event_sections (event_id, section_id, tier_id, capacity)
        select ${copyId}, s.section_id, t.new_id, s.capacity
        from event_sections s join copy_tiers t on t.id = s.tier_id where s.event_id = ${eventId}`;
      await tx`insert into event_seats (event_id, seat_id, section_id, tier_id)
        select ${copyId}, s.seat_id, s.section_id, t.new_id
        from event_seats s join copy_tiers t on t.id = s.tier_id where s.event_id = ${eventId}`;
      await tx`drop table copy_events, copy_tiers`;
    }
  });
  return chosen;
}
