import type postgres from "postgres";
import type { EventOnMaster } from "./spread-events";

/** The seeded demo events the scenarios use, by role. */
export interface DemoEvents {
  /** "Midnight Run Tour": 16,000-seat arena, on sale, no waiting room (race, fanout, strategies). */
  arena: string;
  /** "Overthinking It": 380-seat comedy club, turned into a waiting-room on-sale by `onsale`. */
  club: string;
  /** "The Glass Menagerie": theatre, on sale (faults). */
  theatre: string;
  /** With `--cluster`: the arena event and copies of it, one per Redis Cluster master (see spread-events.ts). */
  spread?: EventOnMaster[];
}

const NAMES: Record<Exclude<keyof DemoEvents, "spread">, string> = {
  arena: "Midnight Run Tour",
  club: "Overthinking It",
  theatre: "The Glass Menagerie",
};

export async function findDemoEvents(sql: postgres.Sql): Promise<DemoEvents> {
  const rows = await sql<
    Array<{ id: string; name: string }>
  >`select id, name from events where name = any(${Object.values(NAMES)})`;
  const idOf = (name: string) => {
    const row = rows.find((candidate) => candidate.name === name);
    if (!row) throw new Error(`demo event "${name}" not found: is the seed data as expected?`);
    return row.id;
  };
  return { arena: idOf(NAMES.arena), club: idOf(NAMES.club), theatre: idOf(NAMES.theatre) };
}
