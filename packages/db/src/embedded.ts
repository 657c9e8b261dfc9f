import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export interface EmbeddedPostgres {
  /** A postgres:// URL for postgres.js: loopback, the one database PGlite has, no named prepared statements. */
  url: string;
  close(): Promise<void>;
}

/**
 * PGlite (Postgres compiled to WebAssembly) keeping its data in `dataDir`, served on a free loopback port through
 * pglite-socket so postgres.js, Drizzle and the migrations run unchanged.
 *
 * PGlite is one Postgres backend: every connection shares its session. So the URL turns off named prepared
 * statements (two connections preparing the same name collide: 42P05), and callers keep one connection per pool:
 * the socket server runs the messages of several connections one by one, and the unnamed statement of one
 * extended-protocol query must not be replaced by another connection's between Parse and Execute.
 */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  mkdirSync(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir, { extensions: { pg_trgm } });
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: 0, maxConnections: 16 });
  await server.start();
  const address = server.getServerConn();
  return {
    url: `postgres://postgres@${address}/postgres?prepare=false`,
    async close() {
      await server.stop();
      await db.close();
    },
  };
}
