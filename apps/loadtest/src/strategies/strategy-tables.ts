import type postgres from "postgres";

/** The Postgres strategies' own copy of the hot seats, one table each, in the run's database. */
export const STRATEGY_TABLES = {
  "setnx-pg": "loadtest_setnx_seats",
  "pg-optimistic": "loadtest_optimistic_seats",
  "pg-row-lock": "loadtest_row_lock_seats",
} as const;

/** (Re)creates every strategy table with the given seats, all free. */
export async function prepareStrategyTables(sql: postgres.Sql, seatIds: string[]): Promise<void> {
  for (const table of Object.values(STRATEGY_TABLES)) {
    await sql.unsafe(`drop table if exists ${table}`);
    await sql.unsafe(`
      create table ${table} (
        seat_id uuid primary key,
        hold_id text,
        user_id uuid,
        expires_at timestamptz,
        version integer not null default 0
      )`);
    await sql.unsafe(`insert into ${table} (seat_id) select unnest($1::uuid[])`, [seatIds]);
  }
}
