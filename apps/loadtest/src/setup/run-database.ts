import { hashPassword } from "@frontrow/core";
import { prepareDatabase, quoteIdent } from "@frontrow/db";
import { isDatabaseEmpty, seedDemoData } from "@frontrow/db/seed";
import postgres from "postgres";

/** The run's own database (`frontrow_load_<stamp>`) on the given Postgres server: created, seeded, dropped. */
export class RunDatabase {
  readonly url: string;

  constructor(
    private readonly serverUrl: string,
    readonly name: string,
  ) {
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    this.url = url.toString();
  }

  /**
   * Creates, migrates and seeds the demo data exactly as a server instance does at start (same functions,
   * same advisory lock), so the instances start against a ready database. Returns the time it took.
   */
  async prepare(): Promise<number> {
    const started = performance.now();
    await prepareDatabase(this.url, {
      seed: async (db) => {
        if (await isDatabaseEmpty(db))
          await seedDemoData(db, { passwordHash: await hashPassword("frontrow-demo") });
      },
    });
    return performance.now() - started;
  }

  /** A connection pool to the run's database, for setup and the invariant checks. */
  connect(max = 4): postgres.Sql {
    return postgres(this.url, { max, onnotice: () => {} });
  }

  async drop(): Promise<void> {
    const url = new URL(this.serverUrl);
    url.pathname = "/postgres";
    const admin = postgres(url.toString(), { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(`drop database if exists ${quoteIdent(this.name)} with (force)`);
    } finally {
      await admin.end({ timeout: 5 });
    }
  }
}
