import { createRequire } from "node:module";
import path from "node:path";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { createDb, type Database } from "./client";

/** The folder of committed drizzle-kit migrations; resolved by package name so it also works from a bundle. */
export function migrationsFolder(): string {
  const pkg = createRequire(import.meta.url).resolve("@frontrow/db/package.json");
  return path.join(path.dirname(pkg), "drizzle");
}

const DUPLICATE_DATABASE = "42P04";
const UNIQUE_VIOLATION = "23505";

/** Returns the URL of the server's maintenance database, for CREATE/DROP DATABASE. */
export function maintenanceUrl(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  url.pathname = "/postgres";
  return url.toString();
}

export function databaseName(databaseUrl: string): string {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  if (!name) throw new Error(`DATABASE_URL has no database name: ${databaseUrl}`);
  return name;
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Creates the database named in the URL if it does not exist. Safe when several processes race to do it. */
export async function ensureDatabase(databaseUrl: string, template?: string): Promise<boolean> {
  const name = databaseName(databaseUrl);
  const admin = postgres(maintenanceUrl(databaseUrl), { max: 1, onnotice: () => {} });
  try {
    const existing = await admin`select 1 from pg_database where datname = ${name}`;
    if (existing.length > 0) return false;
    const from = template ? ` template ${quoteIdent(template)}` : "";
    await admin.unsafe(`create database ${quoteIdent(name)}${from}`);
    return true;
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === DUPLICATE_DATABASE || code === UNIQUE_VIOLATION) return false;
    throw error;
  } finally {
    await admin.end({ timeout: 5 });
  }
}

/** Any fixed 64-bit number shared by every instance; chosen once for "frontrow migrate". */
const MIGRATION_LOCK_KEY = 4_242_001;

/**
 * Runs `work` while holding a session-level advisory lock, so several instances started at the same moment
 * migrate and seed one after another instead of together.
 */
export async function withMigrationLock<T>(databaseUrl: string, work: () => Promise<T>): Promise<T> {
  const lock = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    await lock`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    try {
      return await work();
    } finally {
      await lock`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
    }
  } finally {
    await lock.end({ timeout: 5 });
  }
}

export async function runMigrations(databaseUrl: string): Promise<void> {
  const handle = createDb(databaseUrl, { max: 1 });
  try {
    await migrate(handle.db, { migrationsFolder: migrationsFolder() });
  } finally {
    await handle.close();
  }
}

export interface PrepareDatabaseOptions {
  /** Called under the lock after migrating; seeds when it decides the database is empty. */
  seed?: (db: Database) => Promise<void>;
}

/** Create if missing, migrate, and optionally seed: the start-up sequence of every server instance. */
export async function prepareDatabase(databaseUrl: string, options: PrepareDatabaseOptions = {}): Promise<void> {
  await ensureDatabase(databaseUrl);
  await withMigrationLock(databaseUrl, async () => {
    await runMigrations(databaseUrl);
    if (options.seed) {
      const handle = createDb(databaseUrl, { max: 4 });
      try {
        await options.seed(handle.db);
      } finally {
        await handle.close();
      }
    }
  });
}
