import { ensureDatabase, runMigrations, withMigrationLock } from "../migrate";

const url = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/frontrow";
await ensureDatabase(url);
await withMigrationLock(url, () => runMigrations(url));
console.log(`migrated ${new URL(url).pathname.slice(1)}`);
