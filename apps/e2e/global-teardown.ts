import postgres from "postgres";

/** Drops the run's database once the server has stopped. */
export default async function globalTeardown() {
  const name = process.env.E2E_DATABASE;
  if (!name) return;
  const admin = postgres(process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres", {
    max: 1,
    onnotice: () => {},
  });
  try {
    await admin.unsafe(`drop database if exists "${name.replaceAll('"', '""')}" with (force)`);
  } finally {
    await admin.end({ timeout: 5 });
  }
}
