import type { Database } from "@frontrow/db";

/**
 * Prepared statements built once per Database and kept as long as it lives: `perDatabase((db) => ({ … }))` gives
 * a function returning that database's statements, building them on first use. A prepared statement runs on the
 * connection pool of the database that built it, so one built on `db` must never run inside a transaction.
 *
 * Drizzle builds a statement's SQL and parameter list once in `.prepare(name)`; `.execute(values)` only fills
 * the placeholders. With postgres.js a named statement is also prepared on the Postgres side, once per
 * connection. Names only have to be unique within the process: prefix them with the module's name.
 */
export function perDatabase<Statements>(build: (db: Database) => Statements): (db: Database) => Statements {
  const built = new WeakMap<Database, Statements>();
  return (db) => {
    let statements = built.get(db);
    if (!statements) {
      statements = build(db);
      built.set(db, statements);
    }
    return statements;
  };
}
