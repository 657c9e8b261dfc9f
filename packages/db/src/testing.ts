import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { createDb, type Database, type DbHandle } from "./client";
import { maintenanceUrl, migrationsFolder, quoteIdent, runMigrations, withMigrationLock } from "./migrate";

/** Where tests create their databases. Only the server part of the URL is used. */
export const testServerUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

function urlFor(database: string): string {
  const url = new URL(testServerUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** The template is named after the migrations it holds, so a schema change gets a fresh template. */
export function templateName(): string {
  const journal = readFileSync(path.join(migrationsFolder(), "meta", "_journal.json"));
  return `frontrow_tpl_${createHash("sha256").update(journal).digest("hex").slice(0, 12)}`;
}

/** Creates and migrates the template database once (vitest globalSetup calls this). */
export async function ensureTestTemplate(): Promise<string> {
  const name = templateName();
  const admin = postgres(maintenanceUrl(testServerUrl), { max: 1, onnotice: () => {} });
  try {
    await withMigrationLock(maintenanceUrl(testServerUrl), async () => {
      const found = await admin`select 1 from pg_database where datname = ${name}`;
      if (found.length > 0) return;
      const building = `${name}_building`;
      await admin.unsafe(`drop database if exists ${quoteIdent(building)}`);
      await admin.unsafe(`create database ${quoteIdent(building)}`);
      await runMigrations(urlFor(building));
      await admin.unsafe(`alter database ${quoteIdent(building)} rename to ${quoteIdent(name)}`);
    });
  } finally {
    await admin.end({ timeout: 5 });
  }
  return name;
}

export interface TestDatabase extends DbHandle {
  drop(): Promise<void>;
  url: string;
  name: string;
}

/** A fresh, migrated, empty database cloned from the template. Call `drop()` when done. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = await ensureTestTemplate();
  const name = `frontrow_t_${randomBytes(6).toString("hex")}`;
  const admin = postgres(maintenanceUrl(testServerUrl), { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${quoteIdent(name)} template ${quoteIdent(template)}`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = urlFor(name);
  const handle = createDb(url, { max: 8 });
  return {
    ...handle,
    url,
    name,
    async drop() {
      await handle.close();
      const dropper = postgres(maintenanceUrl(testServerUrl), { max: 1, onnotice: () => {} });
      try {
        await dropper.unsafe(`drop database if exists ${quoteIdent(name)} with (force)`);
      } finally {
        await dropper.end({ timeout: 5 });
      }
    },
  };
}

/** Vitest fixture body: `test.extend({ db: dbFixture })` gives each test its own database. */
export async function dbFixture(_context: unknown, use: (db: Database & { $url: string }) => Promise<void>) {
  const database = await createTestDatabase();
  try {
    await use(Object.assign(database.db, { $url: database.url }));
  } finally {
    await database.drop();
  }
}
export * from "./test-factories";
