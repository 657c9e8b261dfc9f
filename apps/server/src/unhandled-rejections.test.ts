import { Writable } from "node:stream";
import postgres from "postgres";
import pino from "pino";
import { describe, expect, it, vi } from "vitest";
import { survivingConnectionLoss } from "./unhandled-rejections";

function capturingLogger() {
  const lines: Array<{ msg: string; query?: string; err?: { code?: string } }> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { logger: pino({ level: "info" }, stream), lines };
}

describe("unhandled rejections", () => {
  it("log a dropped Postgres connection with its query and keep the process serving", async () => {
    const { logger, lines } = capturingLogger();
    const exit = vi.spyOn(process, "exit").mockImplementation(() => undefined as never);
    try {
      // A real postgres.js failure: nothing listens on port 1, so the connection is refused.
      const sql = postgres("postgres://postgres@127.0.0.1:1/none", { max: 1, connect_timeout: 2 });
      const query = sql`select 1 as dropped`;
      const reason = await query.catch((error: unknown) => error);
      survivingConnectionLoss(logger)(reason, query);
      await new Promise((resolve) => setImmediate(resolve));
      expect(exit).not.toHaveBeenCalled();
      expect(lines.at(-1)).toMatchObject({ err: { code: "ECONNREFUSED" }, query: "select 1 as dropped" });
      await sql.end({ timeout: 0 });
    } finally {
      exit.mockRestore();
    }
  });

  it("still end the process on any other unhandled rejection", () => {
    const { logger, lines } = capturingLogger();
    const exit = vi.spyOn(process, "exit").mockImplementation(() => undefined as never);
    try {
      survivingConnectionLoss(logger)(new TypeError("x is undefined"), Promise.resolve());
      expect(exit).toHaveBeenCalledWith(1);
      expect(lines.at(-1)?.msg).toBe("unhandled promise rejection");
    } finally {
      exit.mockRestore();
    }
  });
});
