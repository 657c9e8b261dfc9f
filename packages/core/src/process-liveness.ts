import type { Database } from "@frontrow/db";
import { sql } from "drizzle-orm";

/**
 * Tells whether another server process is still alive, by its database connections: a process killed outright
 * (kill -9, OOM) has its sockets closed by the kernel, and Postgres drops its sessions at once, long before any lease
 * it held in Redis runs out. Needs direct connections to Postgres (a transaction pooler would show the process as
 * gone between transactions: work leased to it would be taken over early, which fencing makes safe but wasteful).
 */
export interface ProcessLiveness {
  /** This process's name: the application_name of every connection its pool opens. */
  readonly self: string;
  /** False once no connection of the process named `name` is left; true while one is, or when it cannot tell. */
  isConnected(name: string): Promise<boolean>;
}

export function postgresLiveness(db: Database, self: string): ProcessLiveness {
  return {
    self,
    async isConnected(name) {
      if (name === self) return true;
      try {
        const rows = await db.execute<{ connected: boolean }>(
          sql`select exists (select 1 from pg_stat_activity where application_name = ${name}) as connected`,
        );
        return rows[0]?.connected !== false;
      } catch {
        return true;
      }
    },
  };
}
