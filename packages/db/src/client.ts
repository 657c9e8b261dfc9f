import { drizzle, type PostgresJsDatabase } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";

export type Schema = typeof schema;
export type Database = PostgresJsDatabase<Schema>;
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
/** Anything that can run queries: the database or a transaction inside it. */
export type Queryable = Database | Transaction;

export interface DbHandle {
  db: Database;
  sql: postgres.Sql;
  close(): Promise<void>;
}

export interface CreateDbOptions {
  /** Pool size. */
  max?: number;
  /** The application_name of every connection (pg_stat_activity): tells one process's sessions apart. */
  applicationName?: string;
  /** Called with the text of every query sent (for diagnostics and query-count tests). */
  onQuery?: (query: string) => void;
}

export function createDb(url: string, options: CreateDbOptions = {}): DbHandle {
  const onQuery = options.onQuery;
  const sql = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    // postgres.js counts failed connects over the whole pool and waits up to 20 s before the next one: ten
    // connections failing during a one-second restart left every query waiting for seconds after the server was
    // back. Retry within a quarter of a second instead (with jitter, so a pool does not reconnect in lockstep).
    backoff: (retries) => Math.min(0.02 * 2 ** retries, 0.25) * (0.5 + Math.random() / 2),
    debug: onQuery ? (_connection, query) => onQuery(query) : undefined,
    connection: options.applicationName ? { application_name: options.applicationName } : {},
  });
  const db = drizzle(sql, { schema, casing: "snake_case" });
  return { db, sql, close: () => sql.end({ timeout: 5 }) };
}
