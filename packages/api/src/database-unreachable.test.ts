import { createDb } from "@frontrow/db";
import { describe, expect } from "vitest";
import { createApiHarness, test } from "./testing";
import { UNAVAILABLE_MESSAGE } from "./unavailable";

const unavailable = { code: "SERVICE_UNAVAILABLE", message: UNAVAILABLE_MESSAGE };

describe("while Postgres cannot be asked", () => {
  test("a call that needs it is a 503 telling the client to try again, not a 500", async ({ api }) => {
    // A real pool on a port nothing listens on: every query fails to connect (ECONNREFUSED).
    const down = createDb("postgres://postgres@127.0.0.1:1/frontrow", { max: 1 });
    try {
      const fan = await api.fan();
      await (await fan.call()).orders.list(); // validates the fan's session: now in this process's cache
      const unreachable = createApiHarness({ ...api.deps, db: down.db });

      // The procedure's own query fails.
      const anonymous = await unreachable.client().call();
      await expect(anonymous.events.list({})).rejects.toMatchObject(unavailable);
      // The session lookup fails first, as the request's context is made: a session this process never validated
      // can only be read from Postgres.
      await expect(unreachable.client({ sessionToken: "a".repeat(32) }).call()).rejects.toMatchObject(unavailable);
      // A fan whose session is cached gets past the lookup and fails on the procedure's query.
      const signedIn = await unreachable.client({ sessionToken: fan.sessionToken }).call();
      await expect(signedIn.orders.list()).rejects.toMatchObject(unavailable);

      // A real failure that is not about reaching Postgres stays a 500.
      const broken = createApiHarness({
        ...api.deps,
        db: new Proxy(api.deps.db, {
          get: () => () => {
            throw new Error("a bug");
          },
        }),
      });
      await expect((await broken.client().call()).events.list({})).rejects.toMatchObject({
        code: "INTERNAL_SERVER_ERROR",
      });
    } finally {
      await down.close();
    }
  });
});
